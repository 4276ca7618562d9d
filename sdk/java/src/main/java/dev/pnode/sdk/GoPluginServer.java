package dev.pnode.sdk;

import dev.pnode.api.Handshake;
import dev.pnode.wire.EphemeralCertificate;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Serves a plugin the way HashiCorp go-plugin's {@code plugin.Serve} does, so that go-plugin hosts (Quorum,
 * pnode, Terraform-style hosts) can run a plugin written in Java.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     GoPluginServer.builder(Handshake.QUORUM)
 *             .addService(new MyInitializer())
 *             .addService(new MyGreeter())
 *             .build()
 *             .serve();
 * }
 * }</pre>
 *
 * <p>{@link #serve()} refuses to run without the host's magic cookie, negotiates the protocol version, listens
 * on a unix socket (or TCP when {@code PNODE_PLUGIN_TRANSPORT=tcp}) with AutoMTLS when the host sent
 * {@code PLUGIN_CLIENT_CERT}, serves health, controller, stdio and the given services, prints the handshake
 * line and then blocks until the host shuts the plugin down or dies. A host replacing a running process may let it
 * warm itself up first ({@code PNODE_PLUGIN_WARM_UP_MILLIS}, {@link SelfWarmUp}). From the moment serve() starts,
 * System.out and System.err go to the host over go-plugin's stdio stream, and logging
 * (java.util.logging / System.Logger) goes to stderr as hclog JSON lines.
 */
public final class GoPluginServer {

    /** go-plugin's words for someone who runs a plugin by hand. */
    public static final String NOT_A_PLUGIN_MESSAGE = "This binary is a plugin. These are not meant to be executed directly.\n"
            + "Please execute the program that consumes these plugins, which will\n"
            + "load any plugins automatically\n";

    /** Environment variable naming the log level (hclog or java.util.logging names); default info. */
    public static final String LOG_LEVEL_VARIABLE = "PNODE_PLUGIN_LOG_LEVEL";

    private static final System.Logger LOG = System.getLogger(GoPluginServer.class.getName());

    private final Handshake handshake;
    private final SortedSet<Integer> protocolVersions;
    private final List<ServerServiceDefinition> services;
    private final TrainingCalls trainingCalls;

    private GoPluginServer(Builder builder) {
        this.handshake = builder.handshake;
        this.protocolVersions = new TreeSet<>(builder.protocolVersions.isEmpty()
                ? List.of(builder.handshake.protocolVersion()) : builder.protocolVersions);
        this.services = List.copyOf(builder.services);
        this.trainingCalls = builder.trainingCalls;
    }

    /** @param handshake the magic cookie the host must send, e.g. {@link Handshake#QUORUM} */
    public static Builder builder(Handshake handshake) {
        return new Builder(handshake);
    }

    /**
     * Serves until the host calls {@code GRPCController/Shutdown} or its process ends, then exits the JVM: 0 after
     * a shutdown, 1 when the plugin was not started by a host or cannot serve. Never returns.
     */
    public void serve() {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        PluginEnvironment environment = PluginEnvironment.current();
        if (ClassDataTraining.requested()) {
            HclogLogging.install(stderr, environment.variables().get(LOG_LEVEL_VARIABLE));
            System.exit(train(environment));
        }
        if (!environment.carriesCookieOf(handshake)) {
            stderr.print(NOT_A_PLUGIN_MESSAGE);
            stderr.flush();
            System.exit(1);
        }
        HclogLogging.install(stderr, environment.variables().get(LOG_LEVEL_VARIABLE));
        int exitCode = 0;
        try {
            HostWatch.begin(environment.variables());
            Optional<EphemeralCertificate> identity = environment.warmUp().map(budget -> {
                EphemeralCertificate own = EphemeralCertificate.generate();
                SelfWarmUp.run(environment, handshake, budget, own);
                return own;
            });
            PluginServer server = new PluginServer(environment, protocolVersions, services, identity);
            server.start(stdout);
            SharedArchiveCheck.afterStart();
            server.awaitStopped();
        } catch (PluginStartException e) {
            LOG.log(System.Logger.Level.ERROR, "plugin init error: " + e.getMessage());
            exitCode = 1;
        } catch (RuntimeException | LinkageError e) {
            // a LinkageError (e.g. grpc-java jars of two versions in one plugin) would otherwise end main silently:
            // System.err is the plugin's log by now
            LOG.log(System.Logger.Level.ERROR, "plugin init error", e);
            exitCode = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(exitCode);
    }

    /** The class data sharing training run ({@link ClassDataTraining}): 0 when it served and called itself. */
    private int train(PluginEnvironment environment) {
        try {
            HostWatch.begin(environment.variables());
            new ClassDataTraining(handshake, protocolVersions, services, trainingCalls).run(environment.variables());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "class data sharing training failed", e);
            return 1;
        }
    }

    public static final class Builder {

        private final Handshake handshake;
        private final List<Integer> protocolVersions = new ArrayList<>();
        private final List<ServerServiceDefinition> services = new ArrayList<>();
        private TrainingCalls trainingCalls = channel -> { };

        private Builder(Handshake handshake) {
            this.handshake = Objects.requireNonNull(handshake, "handshake");
        }

        /**
         * The application protocol versions this plugin speaks (default: the handshake's version). The host's
         * highest version among them is served.
         */
        public Builder appProtocolVersion(int... versions) {
            for (int version : versions) {
                if (version < 1) {
                    throw new IllegalArgumentException("app protocol version must be at least 1, was " + version);
                }
                protocolVersions.add(version);
            }
            return this;
        }

        public Builder addService(BindableService service) {
            return addService(service.bindService());
        }

        public Builder addService(ServerServiceDefinition service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * The calls the plugin makes to itself in its class data sharing training run (default: none; the health
         * check is always made). See the launch script in the SDK's README.
         */
        public Builder training(TrainingCalls calls) {
            this.trainingCalls = Objects.requireNonNull(calls, "calls");
            return this;
        }

        public GoPluginServer build() {
            return new GoPluginServer(this);
        }
    }
}
