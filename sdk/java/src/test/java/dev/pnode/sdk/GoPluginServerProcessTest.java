package dev.pnode.sdk;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.protobuf.Empty;
import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import dev.pnode.proto.goplugin.GRPCStdioGrpc;
import dev.pnode.proto.goplugin.StdioData;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Runs {@link EchoPlugin} as a real child JVM and talks to it the way a go-plugin host does. */
public class GoPluginServerProcessTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder(Path.of("/tmp").toFile());

    private final List<PluginHarness> plugins = new ArrayList<>();

    @After
    public void stopPlugins() {
        plugins.forEach(PluginHarness::close);
    }

    @Test
    public void refusesToRunWithoutTheMagicCookie() throws Exception {
        assertRefused(Map.of());
    }

    @Test
    public void refusesToRunWithAWrongMagicCookie() throws Exception {
        assertRefused(Map.of(EchoPlugin.HANDSHAKE.magicCookieKey(), "not-the-cookie"));
    }

    @Test
    public void printsGoPluginsHandshakeLineForAUnixSocketInTheHostsDirectory() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());

        String line = plugin.rawHandshake();
        assertTrue(line, line.matches("1\\|1\\|unix\\|" + temp.getRoot() + "/plugin\\d+\\|grpc\\|"));
        assertTrue("socket exists", Files.exists(Path.of(plugin.handshake().address())));
    }

    @Test
    public void servesTheHighestProtocolVersionBothSidesSpeak() throws Exception {
        Map<String, String> environment = new HashMap<>(baseEnvironment());
        environment.put("PLUGIN_PROTOCOL_VERSIONS", "2,5,bogus");
        PluginHarness plugin = track(PluginHarness.start(PluginHarness.javaCommand(EchoPlugin.class, "1", "2", "3"),
                environment, Optional.empty()));

        assertEquals(2, plugin.handshake().appProtocolVersion());
        awaitStderr(plugin, line -> line.contains("invalid plugin protocol version \\\"bogus\\\""));
    }

    @Test
    public void answersTheLowestVersionWhenTheHostSpeaksNoneOfOurs() throws Exception {
        Map<String, String> environment = new HashMap<>(baseEnvironment());
        environment.put("PLUGIN_PROTOCOL_VERSIONS", "7");
        PluginHarness plugin = track(PluginHarness.start(PluginHarness.javaCommand(EchoPlugin.class, "2", "3"),
                environment, Optional.empty()));

        assertEquals(2, plugin.handshake().appProtocolVersion());
    }

    @Test
    public void reportsPluginServingToHealthChecks() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());

        assertEquals(ServingStatus.SERVING, health(plugin.channel()));
    }

    @Test
    public void shutdownRepliesThenExitsAndDeletesItsSocket() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());
        Path socket = Path.of(plugin.handshake().address());

        GRPCControllerGrpc.newBlockingStub(plugin.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .shutdown(dev.pnode.proto.goplugin.Empty.getDefaultInstance());

        assertEquals(0, plugin.awaitExit());
        assertFalse("socket deleted", Files.exists(socket));
    }

    @Test
    public void deletesItsSocketWhenTerminated() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());
        Path socket = Path.of(plugin.handshake().address());

        plugin.process().destroy();

        assertEquals("exit code of SIGTERM", 143, plugin.awaitExit());
        assertFalse("socket deleted", Files.exists(socket));
    }

    @Test
    public void sharesTheSocketWithTheGroupTheHostNames() throws Exception {
        String group = Files.readAttributes(temp.getRoot().toPath(), PosixFileAttributes.class).group().getName();
        PluginHarness plugin = start(Map.of("PLUGIN_UNIX_SOCKET_GROUP", group), Optional.empty());

        Path socket = Path.of(plugin.handshake().address());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals(group, Files.readAttributes(socket, PosixFileAttributes.class).group().getName());
    }

    @Test
    public void namesAnUnknownSocketGroupAndExits() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PluginHarness.javaCommand(EchoPlugin.class));
        builder.environment().putAll(baseEnvironment());
        builder.environment().put("PLUGIN_UNIX_SOCKET_GROUP", "no-such-group-here");
        String stderr = stderrOfAFailedStart(builder);
        assertThat(stderr, containsString("\"@level\":\"error\""));
        assertThat(stderr, containsString("cannot give group \\\"no-such-group-here\\\" (PLUGIN_UNIX_SOCKET_GROUP)"));
        assertEquals("socket deleted", 0, temp.getRoot().list().length);
    }

    @Test
    public void logsAClassMissingFromItsJarsAndExits() throws Exception {
        // as with a plugin jar that lacks one of grpc-java's jars, or holds two versions of it: a LinkageError
        // while the server starts, after System.err became the plugin's log
        List<String> command = new ArrayList<>(PluginHarness.javaCommand(EchoPlugin.class));
        int classPath = command.indexOf("-cp") + 1;
        command.set(classPath, Arrays.stream(command.get(classPath).split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("grpc-services"))
                .collect(Collectors.joining(File.pathSeparator)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(baseEnvironment());
        String stderr = stderrOfAFailedStart(builder);
        assertThat(stderr, containsString("\"@level\":\"error\",\"@message\":\"plugin init error"));
        assertThat(stderr, containsString("NoClassDefFoundError"));
    }

    /** Runs a plugin that must exit with status 1 before its handshake line; what it wrote on stderr. */
    private static String stderrOfAFailedStart(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("exited", process.waitFor(PluginHarness.START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(stderr, 1, process.exitValue());
        assertEquals("no handshake line", "", stdout);
        return stderr;
    }

    @Test
    public void ignoresCtrlCSoTheHostCanStopItGracefully() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());

        Process kill = new ProcessBuilder("kill", "-INT", "" + plugin.process().pid()).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertEquals(ServingStatus.SERVING, health(plugin.channel()));
        GRPCControllerGrpc.newBlockingStub(plugin.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .shutdown(dev.pnode.proto.goplugin.Empty.getDefaultInstance());

        assertEquals("exit code of a Shutdown, not of SIGINT (130)", 0, plugin.awaitExit());
    }

    @Test
    public void forwardsWhatThePluginPrintsAsStdioDataAndKeepsStdoutClean() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());
        Iterator<StdioData> stdio = GRPCStdioGrpc.newBlockingStub(plugin.channel())
                .withDeadlineAfter(60, TimeUnit.SECONDS).streamStdio(Empty.getDefaultInstance());

        assertEquals("echo world", greet(plugin.channel(), "world"));

        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        while (!out.toString().contains("out:world\n") || !err.toString().contains("err:world\n")) {
            StdioData data = stdio.next();
            (data.getChannel() == StdioData.Channel.STDOUT ? out : err)
                    .append(data.getData().toString(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), plugin.stdoutAfterHandshake());
    }

    @Test
    public void logsToStderrAsHclogJsonLines() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());

        greet(plugin.channel(), "log");

        String line = awaitStderr(plugin, candidate -> candidate.contains("\"@message\":\"greeting log\""));
        assertThat(line, startsWith("{\"@level\":\"info\","));
        assertThat(line, containsString("\"@module\":\"" + EchoPlugin.class.getName() + "\""));
        assertThat(line, containsString("\"@timestamp\":\""));
        assertEquals("no warnings for an ordinary connection and call", List.of(), plugin.stderrLines().stream()
                .filter(candidate -> !candidate.startsWith("{\"@level\":\"info\"")).toList());
    }

    @Test
    public void aReplacementGivenTimeWarmsItselfUpBeforeItsHandshakeThenServesTheHost() throws Exception {
        EphemeralCertificate host = EphemeralCertificate.generate();
        PluginHarness plugin = start(Map.of("PNODE_PLUGIN_WARM_UP_MILLIS", "200"), Optional.of(host));

        assertEquals("echo warm", greet(plugin.channel(), "warm"));
        awaitStderr(plugin, line -> line.contains("warmed up with") && line.contains("(budget 200 ms)"));
        assertRejected(plugin, Optional.of(EphemeralCertificate.generate()));
    }

    @Test
    public void noWarmUpUnlessTheHostGivesItTime() throws Exception {
        PluginHarness plugin = start(Map.of(), Optional.empty());

        assertEquals("echo cold", greet(plugin.channel(), "cold"));
        assertTrue(plugin.stderrLines().toString(), plugin.stderrLines().stream()
                .noneMatch(line -> line.contains("warmed up")));
    }

    @Test
    public void servesOnTcpInThePortRangeWhenAsked() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PluginHarness plugin = start(Map.of("PNODE_PLUGIN_TRANSPORT", "tcp", "PLUGIN_MIN_PORT", "" + port,
                "PLUGIN_MAX_PORT", "" + port), Optional.empty());

        assertEquals("1|1|tcp|127.0.0.1:" + port + "|grpc|", plugin.rawHandshake());
        assertEquals(ServingStatus.SERVING, health(plugin.channel()));
    }

    /** By default on TCP: grpc-okhttp's server with the JDK's TLS. */
    @Test
    public void autoMtlsSendsItsCertificateAndServesTheHostOnly() throws Exception {
        PluginHarness plugin = assertAutoMtlsServesTheHostOnly(Map.of());
        assertEquals("tcp", plugin.handshake().network());
    }

    @Test
    public void autoMtlsOnAUnixSocketServesTheHostOnly() throws Exception {
        PluginHarness plugin = assertAutoMtlsServesTheHostOnly(Map.of("PNODE_PLUGIN_TRANSPORT", "unix"));
        assertEquals("unix", plugin.handshake().network());
    }

    private PluginHarness assertAutoMtlsServesTheHostOnly(Map<String, String> environment) throws Exception {
        EphemeralCertificate host = EphemeralCertificate.generate();
        PluginHarness plugin = start(environment, Optional.of(host));

        X509Certificate server = plugin.handshake().serverCertificate().orElseThrow();
        assertThat(server.getSubjectX500Principal().getName(), containsString("CN=localhost"));
        assertEquals(ServingStatus.SERVING, health(plugin.channel()));
        assertEquals("echo tls", greet(plugin.channel(), "tls"));

        assertRejected(plugin, Optional.of(EphemeralCertificate.generate()));
        assertRejected(plugin, Optional.empty());
        return plugin;
    }

    @Test
    public void exitsAndDeletesItsSocketWhenTheHostDies() throws Exception {
        // sh plays the host: it starts the plugin and is then killed without a word to the plugin
        List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\" & wait", "host"));
        command.addAll(PluginHarness.javaCommand(EchoPlugin.class));
        PluginHarness plugin = track(PluginHarness.start(command, baseEnvironment(), Optional.empty()));
        ProcessHandle pluginProcess = plugin.process().toHandle().children().findFirst().orElseThrow();
        Path socket = Path.of(plugin.handshake().address());

        plugin.process().destroyForcibly();

        pluginProcess.onExit().get(PluginHarness.START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertFalse("socket deleted", Files.exists(socket));
    }

    @Test
    public void exitsAtOnceWhenTheHostThatLaunchedItDiedWhileItsJvmWasStarting() throws Exception {
        // the host named by PNODE_HOST_PID is no ancestor: it died and this JVM was re-parented before serve()
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            ProcessBuilder builder = new ProcessBuilder(PluginHarness.javaCommand(EchoPlugin.class));
            builder.environment().putAll(baseEnvironment());
            builder.environment().put(HostWatch.HOST_PID, Long.toString(stranger.pid()));
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("exited", process.waitFor(PluginHarness.START_TIMEOUT_SECONDS, TimeUnit.SECONDS));

            assertEquals(1, process.exitValue());
            assertEquals("no handshake line: it never served", "", stdout);
            assertTrue(stderr, stderr.contains("the host process " + stranger.pid()
                    + " that launched this plugin is gone; exiting"));
        } finally {
            stranger.destroyForcibly();
        }
    }

    private void assertRefused(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PluginHarness.javaCommand(EchoPlugin.class));
        builder.environment().remove(EchoPlugin.HANDSHAKE.magicCookieKey());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("exited", process.waitFor(PluginHarness.START_TIMEOUT_SECONDS, TimeUnit.SECONDS));

        assertEquals(1, process.exitValue());
        assertEquals(GoPluginServer.NOT_A_PLUGIN_MESSAGE, stderr);
        assertEquals("", stdout);
    }

    private void assertRejected(PluginHarness plugin, Optional<EphemeralCertificate> identity) throws IOException {
        ManagedChannel stranger = plugin.connect(identity);
        try {
            health(stranger);
            fail("the plugin served a client whose certificate it was not given: " + identity);
        } catch (StatusRuntimeException expected) {
            // the TLS handshake fails, so the call never reaches the plugin
        } finally {
            stranger.shutdownNow();
        }
    }

    private Map<String, String> baseEnvironment() {
        return Map.of(EchoPlugin.HANDSHAKE.magicCookieKey(), EchoPlugin.HANDSHAKE.magicCookieValue(),
                "PLUGIN_PROTOCOL_VERSIONS", "1", "PLUGIN_UNIX_SOCKET_DIR", temp.getRoot().toString());
    }

    private PluginHarness start(Map<String, String> extra, Optional<EphemeralCertificate> host) throws Exception {
        Map<String, String> environment = new HashMap<>(baseEnvironment());
        environment.putAll(extra);
        return track(PluginHarness.start(PluginHarness.javaCommand(EchoPlugin.class), environment, host));
    }

    private PluginHarness track(PluginHarness plugin) {
        plugins.add(plugin);
        return plugin;
    }

    private static ServingStatus health(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("plugin").build()).getStatus();
    }

    private static String greet(ManagedChannel channel, String message) {
        return PluginGreetingGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg(message).build()).getMsg();
    }

    /** Stderr arrives on its own pipe, after the call that caused it returned: wait for the line (bounded). */
    private static String awaitStderr(PluginHarness plugin, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PluginHarness.START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Optional<String> line = plugin.stderrLines().stream().filter(wanted).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such line on the plugin's stderr: " + plugin.stderrLines());
    }
}
