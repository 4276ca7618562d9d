package dev.pnode.sdk;

import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** One serving plugin: its gRPC server, the go-plugin internal services, and what stops it. */
final class PluginServer {

    /** The name go-plugin hosts health-check. */
    static final String HEALTH_SERVICE = "plugin";
    private static final long GRACE_MILLIS = 5_000;
    private static final System.Logger LOG = System.getLogger(PluginServer.class.getName());

    private final PluginEnvironment environment;
    private final SortedSet<Integer> protocolVersions;
    private final List<ServerServiceDefinition> services;
    private final Optional<EphemeralCertificate> identity;
    private final StdioForwarder stdio = new StdioForwarder();
    private final HealthStatusManager health = new HealthStatusManager();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile PluginListener listener;
    private volatile Optional<IdleCollection> idleCollection = Optional.empty();

    /**
     * @param identity the certificate to serve AutoMTLS with, made earlier in this process (one key pair per process),
     *     or empty to make one
     */
    PluginServer(PluginEnvironment environment, SortedSet<Integer> protocolVersions,
            List<ServerServiceDefinition> services, Optional<EphemeralCertificate> identity) {
        this.environment = environment;
        this.protocolVersions = protocolVersions;
        this.services = services;
        this.identity = identity;
    }

    /**
     * Starts serving and prints the handshake line on {@code handshakeOut}. System.out and System.err are taken over
     * first, so nothing the plugin prints can get in front of the handshake line.
     */
    void start(PrintStream handshakeOut) {
        int protocolVersion = ProtocolVersions.negotiate(protocolVersions, environment.hostProtocolVersions());
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(stdio.stdout());
        System.setErr(stdio.stderr());
        try {
            Optional<AutoMtls> mtls = environment.clientCertificatePem().map(pem -> AutoMtls.trusting(pem,
                    identity));
            Optional<IdleCollection> idle = environment.idleCollection().map(IdleCollection::start);
            idleCollection = idle;
            health.setStatus(HEALTH_SERVICE, ServingStatus.SERVING);
            listener = PluginListener.start(environment, mtls, builder -> {
                builder.addService(health.getHealthService())
                        .addService(ProtoReflectionServiceV1.newInstance())
                        .addService(new BrokerService())
                        .addService(new ControllerService(this::stop))
                        .addService(stdio);
                services.forEach(builder::addService);
                idle.ifPresent(builder::intercept);
            });
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "pnode-plugin-exit"));
            HostWatch.whenHostExits(this::stop);
            InterruptSignal.ignore();
            handshakeOut.print(HandshakeLine.grpc(protocolVersion, listener.network(), listener.address(),
                    mtls.map(AutoMtls::serverCertificate)).toLine() + "\n");
            handshakeOut.flush();
            LOG.log(System.Logger.Level.DEBUG, "plugin address network=" + listener.network() + " address="
                    + listener.address());
        } catch (RuntimeException e) {
            idleCollection.ifPresent(IdleCollection::stop);
            System.setOut(originalOut);
            System.setErr(originalErr);
            throw e;
        }
    }

    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Ends the stdio stream, lets running calls finish, closes the server and deletes the socket. Idempotent. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            idleCollection.ifPresent(IdleCollection::stop);
            health.enterTerminalState();
            stdio.close();
            if (listener != null) {
                listener.stop(GRACE_MILLIS);
            }
        } finally {
            stopped.countDown();
        }
    }

}
