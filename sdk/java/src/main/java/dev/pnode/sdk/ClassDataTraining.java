package dev.pnode.sdk;

import dev.pnode.api.Handshake;
import dev.pnode.proto.goplugin.Empty;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;

/**
 * The class data sharing training run (switched on by {@value #SWITCH}): the launch script runs the plugin once this
 * way, with {@code -XX:ArchiveClassesAtExit}, when its cache holds no archive for this JDK and these jars. The plugin
 * serves exactly as for a host (same environment, AutoMTLS with a client certificate of its own), answers one health
 * check and the plugin's {@link TrainingCalls} over a real AutoMTLS connection to itself, shuts itself down through
 * go-plugin's controller and exits 0; the JVM then writes the classes all of that loaded into the archive, which later
 * starts map instead of loading, parsing and verifying them again. Nothing is printed on stdout.
 *
 * <p>A separate short run, not the serving plugin's own exit: a host stops a plugin with a kill after a grace period,
 * which cut the at-exit dump short under load (BENCHMARKS.md, session of 2026-12-06).
 */
final class ClassDataTraining {

    /** System property the launch script sets for the training run. */
    static final String SWITCH = "pnode.plugin.training";
    private static final long CALL_DEADLINE_SECONDS = 60;
    private static final System.Logger LOG = System.getLogger(ClassDataTraining.class.getName());

    private final Handshake handshake;
    private final SortedSet<Integer> protocolVersions;
    private final List<ServerServiceDefinition> services;
    private final TrainingCalls calls;

    ClassDataTraining(Handshake handshake, SortedSet<Integer> protocolVersions,
            List<ServerServiceDefinition> services, TrainingCalls calls) {
        this.handshake = handshake;
        this.protocolVersions = protocolVersions;
        this.services = services;
        this.calls = calls;
    }

    static boolean requested() {
        return Boolean.getBoolean(SWITCH);
    }

    /**
     * The host's environment with what makes the plugin its own host: the cookie, a client certificate of its own,
     * and a private socket directory; on the transport the host's own run serves on (the certificate would otherwise
     * choose it).
     */
    static Map<String, String> trainingEnvironment(Map<String, String> hostEnvironment, Handshake handshake,
            EphemeralCertificate client, Path socketDirectory) {
        Map<String, String> variables = new HashMap<>(hostEnvironment);
        variables.put(PluginEnvironment.TRANSPORT, new PluginEnvironment(hostEnvironment).wantsTcp() ? "tcp" : "unix");
        variables.put(handshake.magicCookieKey(), handshake.magicCookieValue());
        variables.put(PluginEnvironment.CLIENT_CERT, client.certificatePem());
        variables.put(PluginEnvironment.UNIX_SOCKET_DIR, socketDirectory.toString());
        variables.remove(PluginEnvironment.UNIX_SOCKET_GROUP);
        return variables;
    }

    /** Serves, calls itself, stops. */
    void run(Map<String, String> hostEnvironment) throws Exception {
        long started = System.nanoTime();
        EphemeralCertificate client = EphemeralCertificate.generate();
        Path socketDirectory = Files.createTempDirectory("pnode-training");
        try {
            PluginServer server = new PluginServer(new PluginEnvironment(trainingEnvironment(hostEnvironment,
                    handshake, client, socketDirectory)), protocolVersions, services, Optional.of(client));
            ByteArrayOutputStream handshakeOut = new ByteArrayOutputStream();
            server.start(new PrintStream(handshakeOut, true, StandardCharsets.UTF_8));
            try {
                callItself(HandshakeLine.parse(handshakeOut.toString(StandardCharsets.UTF_8).strip()), client);
            } finally {
                server.stop();
                server.awaitStopped();
            }
        } finally {
            deleteQuietly(socketDirectory);
        }
        LOG.log(System.Logger.Level.INFO, "class data sharing training calls done in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                + " ms; the JVM writes the archive as it exits");
    }

    private void callItself(HandshakeLine line, EphemeralCertificate client) throws Exception {
        try (SelfChannel self = SelfChannel.open(line, client)) {
            HealthGrpc.newBlockingStub(self.channel()).withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(PluginServer.HEALTH_SERVICE).build());
            calls.call(self.channel());
            GRPCControllerGrpc.newBlockingStub(self.channel())
                    .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).shutdown(Empty.getDefaultInstance());
        }
    }

    /** The server deletes its socket as it stops; the directory is ours. */
    private static void deleteQuietly(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete " + directory + ": " + e);
        }
    }
}
