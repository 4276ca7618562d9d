package dev.pnode.host.manager;

import static dev.pnode.host.manager.RealPlugin.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.PluginState;
import dev.pnode.goplugin.CpuPriority;
import dev.pnode.goplugin.LaunchSpec;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.wire.PluginStartException;
import dev.pnode.host.discovery.ExtractionLimits;
import dev.pnode.central.Platform;
import dev.pnode.host.discovery.PluginLocator;
import dev.pnode.host.discovery.WorkDirectories;
import dev.pnode.host.discovery.ZipExtractor;
import dev.pnode.host.manager.GreetingInterface.Greeter;
import dev.pnode.host.settings.ConfigSource;
import dev.pnode.host.settings.PluginStore;
import dev.pnode.host.settings.ProviderSettings;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Health checks and the restart limit, with scripted processes instead of real ones: what the supervisor does when
 * a plugin turns unhealthy or keeps dying.
 */
public class SupervisionTest {

    private static final Timings FAST = new Timings(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(40), 3,
            Duration.ofMinutes(10));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final FakeOsgi osgi = new FakeOsgi();
    private final Supervisor supervisor = new Supervisor("test-supervisor");
    /** The pid the plugin's status names now, for {@link ScriptedProcess#servingWhenRaised}. */
    private static final AtomicReference<Supplier<OptionalLong>> SERVING_PID = new AtomicReference<>(OptionalLong::empty);

    private final List<ScriptedProcess> processes = new CopyOnWriteArrayList<>();
    private ManagedPlugin plugin;
    private PluginStore store;
    private Timings timings = FAST;
    private boolean lowerStartPriority = true;

    /**
     * A process that does what the test says: be healthy or not, die at once or not. A proxy, so that methods the
     * goplugin bundle adds later need no change here.
     */
    private static final class ScriptedProcess {
        private static final AtomicLong PIDS = new AtomicLong(1000);

        private final long pid = PIDS.incrementAndGet();
        private final CompletableFuture<String> exited = new CompletableFuture<>();
        private final ManagedChannel channel;
        private final boolean healthy;
        private final boolean diesAtOnce;
        private final boolean failsToStart;
        /** What the host asked for in the launch spec. */
        private volatile CpuPriority priority;
        /** The pid the plugin's status named when the host put this process at normal priority; null: never. */
        private volatile OptionalLong servingWhenRaised;

        ScriptedProcess(boolean healthy, boolean diesAtOnce) {
            this(healthy, diesAtOnce, false);
        }

        ScriptedProcess(boolean healthy, boolean diesAtOnce, boolean failsToStart) {
            this(healthy, diesAtOnce, failsToStart, "nowhere-" + PIDS.get());
        }

        /** @param server the in-process server its channel reaches */
        ScriptedProcess(boolean healthy, boolean diesAtOnce, boolean failsToStart, String server) {
            this.channel = InProcessChannelBuilder.forName(server).build();
            this.healthy = healthy;
            this.diesAtOnce = diesAtOnce;
            this.failsToStart = failsToStart;
        }

        CompletableFuture<String> exited() {
            return exited;
        }

        PluginProcess asProcess() {
            return (PluginProcess) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PluginProcess.class}, (self, method, args) -> switch (method.getName()) {
                        case "start" -> {
                            if (failsToStart) {
                                throw new PluginStartException("plugin helloworld printed no handshake line");
                            }
                            if (diesAtOnce) {
                                exited.complete("exited with status 3");
                            }
                            yield null;
                        }
                        case "channel" -> channel;
                        case "pid" -> OptionalLong.of(pid);
                        case "exited" -> exited;
                        case "isHealthy" -> healthy;
                        case "recentOutput" -> List.of();
                        case "runAtNormalPriority" -> {
                            servingWhenRaised = SERVING_PID.get().get();
                            yield null;
                        }
                        case "kill", "close" -> {
                            channel.shutdownNow();
                            exited.complete("killed");
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** An in-process plugin server whose greeting handler never answers (deadlocked), while the process lives on. */
    private static final String STUCK_SERVER = "stuck-greeting";

    private final io.grpc.Server stuckServer;

    public SupervisionTest() throws java.io.IOException {
        stuckServer = io.grpc.inprocess.InProcessServerBuilder.forName(STUCK_SERVER)
                .addService(new com.quorum.plugin.proto.PluginGreetingGrpc.PluginGreetingImplBase() {
                    @Override
                    public void greeting(com.quorum.plugin.proto.HelloWorld.PluginHelloWorld.Request request,
                            io.grpc.stub.StreamObserver<com.quorum.plugin.proto.HelloWorld.PluginHelloWorld.Response> reply) {
                        // never answers
                    }
                }).build().start();
    }

    /** The greeting interface without Init, so that it can talk to the stuck server. */
    private static final class UninitializedInterface extends GreetingInterface {
        @Override
        public Object connect(PluginConnection connection) {
            com.quorum.plugin.proto.PluginGreetingGrpc.PluginGreetingBlockingStub stub =
                    com.quorum.plugin.proto.PluginGreetingGrpc.newBlockingStub(connection.channel());
            return (Greeter) msg -> stub.withDeadlineAfter(connection.callTimeout().toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS).greeting(
                            com.quorum.plugin.proto.HelloWorld.PluginHelloWorld.Request.newBuilder().setMsg(msg).build())
                    .getMsg();
        }
    }

    /** The greeting interface with a gateway that answers by itself, so scripted processes need serve nothing. */
    private static final class LocalInterface extends GreetingInterface {
        @Override
        public Object connect(PluginConnection connection) {
            return (Greeter) msg -> "local " + msg;
        }
    }

    @After
    public void tearDown() throws Exception {
        onSupervisor(() -> plugin.stop("test over"));
        supervisor.shutdown(() -> { }, Duration.ofSeconds(10));
        stuckServer.shutdownNow();
    }

    private void start(Function<Integer, ScriptedProcess> script) throws Exception {
        start(script, false);
    }

    private void start(Function<Integer, ScriptedProcess> script, boolean optional) throws Exception {
        start(script, optional, new LocalInterface());
    }

    private void start(Function<Integer, ScriptedProcess> script, boolean optional, GreetingInterface greeting)
            throws Exception {
        start(script, greeting, new ProviderSettings("helloworld", "helloworld", "1.0.0",
                new ConfigSource.Inline("helloworld", ""), optional));
    }

    private void start(Function<Integer, ScriptedProcess> script, GreetingInterface greeting, ProviderSettings provider)
            throws Exception {
        Path baseDir = temp.newFolder("plugins").toPath();
        Files.copy(RealPlugin.HELLOWORLD_ZIP, baseDir.resolve("helloworld-1.0.0.zip"));
        Function<LaunchSpec, PluginProcess> factory = spec -> {
            ScriptedProcess process = script.apply(processes.size());
            process.priority = spec.priority();
            processes.add(process);
            return process.asProcess();
        };
        PluginLauncher launcher = new PluginLauncher(factory, new PluginLocator(Platform.current(), Optional.empty()),
                new ZipExtractor(ExtractionLimits.DEFAULT), new WorkDirectories(temp.getRoot().toPath().resolve("work")),
                temp.newFolder("run").toPath(), "test-node", timings, Clock.systemUTC(), lowerStartPriority);
        store = new PluginStore(baseDir, Optional.empty());
        plugin = new ManagedPlugin(provider, store, launcher, supervisor, timings, Clock.systemUTC(), () -> { });
        ManagedPlugin managed = plugin;
        SERVING_PID.set(() -> managed.status().pid());
        InterfaceBinding binding = new InterfaceBinding(greeting, osgi.<PluginInterface>reference(),
                "helloworld");
        onSupervisor(() -> plugin.bind(binding));
    }

    private void onSupervisor(Runnable task) throws Exception {
        supervisor.call(() -> {
            task.run();
            return null;
        });
    }

    @Test
    public void aRequiredPluginThatCannotStartFailsAtOnce() throws Exception {
        start(n -> new ScriptedProcess(true, false, true));
        assertEquals(PluginState.FAILED, plugin.status().state());
        assertEquals("plugin helloworld printed no handshake line", plugin.status().lastError().orElseThrow());
        Thread.sleep(FAST.restartDelay().multipliedBy(10).toMillis());
        assertEquals("a required plugin is not retried: the node fails fast", 1, processes.size());
    }

    @Test
    public void anOptionalPluginThatCannotStartIsRetried() throws Exception {
        start(n -> new ScriptedProcess(true, false, n == 0), true);
        await("the second attempt runs", () -> plugin.status().state() == PluginState.RUNNING);
        assertEquals(1, plugin.status().restarts());
        assertEquals(2, processes.size());
    }

    @Test
    public void aFailedReloadDoesNotCancelTheRestartOfACrashedPlugin() throws Exception {
        start(n -> new ScriptedProcess(true, false));
        onSupervisor(() -> processes.get(0).exited().complete("exited with status 3"));
        ProviderSettings missingVersion = new ProviderSettings("helloworld", "helloworld", "9.9.9",
                new ConfigSource.Inline("helloworld", ""));
        assertThrows(PluginException.class, () -> supervisor.call(() -> {
            plugin.reload(missingVersion, store);
            return null;
        }));
        await("the crashed plugin is restarted anyway", () -> plugin.status().state() == PluginState.RUNNING);
        assertEquals(1, plugin.status().restarts());
        assertEquals("1.0.0", plugin.status().version());
    }

    @Test
    public void theFirstCrashIsRestartedAtOnceAndTheSecondAfterTheBackoff() throws Exception {
        timings = new Timings(FAST.startTimeout(), FAST.callTimeout(), FAST.healthInterval(), FAST.healthTimeout(),
                FAST.drainGrace(), FAST.rebindGrace(), FAST.interfaceGrace(), FAST.interfaceTimeout(),
                Duration.ofMinutes(10), Duration.ofMinutes(10), 5, Duration.ofMinutes(10));
        start(n -> new ScriptedProcess(true, false));

        onSupervisor(() -> processes.get(0).exited().complete("exited with status 137"));
        await("the first crash is restarted without waiting the 10 min backoff",
                () -> plugin.status().state() == PluginState.RUNNING && plugin.status().restarts() == 1);

        onSupervisor(() -> processes.get(1).exited().complete("exited with status 137"));
        Thread.sleep(500);
        assertEquals("the second crash within the window waits its backoff", PluginState.FAILED,
                plugin.status().state());
        assertEquals(2, processes.size());
    }

    @Test
    public void oneFailedHealthCheckIsTolerated() throws Exception {
        start(n -> new ScriptedProcess(n > 0, false));
        onSupervisor(plugin::checkHealth);
        assertEquals(PluginState.RUNNING, plugin.status().state());
        assertEquals(1, processes.size());
    }

    @Test
    public void anUnhealthyPluginIsReplaced() throws Exception {
        start(n -> new ScriptedProcess(n > 0, false));
        onSupervisor(plugin::checkHealth);
        onSupervisor(plugin::checkHealth);
        await("a healthy process replaces the unhealthy one",
                () -> plugin.status().state() == PluginState.RUNNING && plugin.status().restarts() == 1);
        assertTrue(processes.get(0).exited().isDone());
        assertTrue(plugin.status().lastError().orElseThrow().contains("health checks in a row failed"));
        assertEquals("local world", osgi.live(Greeter.class).get(0).greeting("world"));
        assertEquals(1, osgi.live(Greeter.class).size());
    }

    @Test
    public void aPluginThatKeepsDyingIsGivenUpOn() throws Exception {
        start(n -> new ScriptedProcess(true, n > 0));
        onSupervisor(() -> processes.get(0).exited().complete("exited with status 3"));
        await("the host gives up", () -> plugin.status().state() == PluginState.FAILED
                && plugin.status().lastError().orElse("").startsWith("gave up"));
        assertEquals(3, plugin.status().restarts());
        assertEquals(4, processes.size());
        assertTrue(plugin.status().lastError().orElseThrow(),
                plugin.status().lastError().orElseThrow().contains("exited with status 3"));
        assertEquals(List.of(), osgi.live(Greeter.class));
    }

    @Test
    public void aPluginWhoseCallsHangWhileItStaysHealthyIsReplaced() throws Exception {
        start(n -> new ScriptedProcess(true, false, false, STUCK_SERVER), false, new UninitializedInterface());
        Greeter stuck = osgi.live(Greeter.class).get(0);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<String>> calls = List.of(callers.submit(() -> stuck.greeting("a")),
                    callers.submit(() -> stuck.greeting("b")), callers.submit(() -> stuck.greeting("c")));
            for (java.util.concurrent.Future<String> call : calls) {
                java.util.concurrent.ExecutionException failure =
                        assertThrows(java.util.concurrent.ExecutionException.class, call::get);
                assertTrue(failure.getCause().toString(), failure.getCause().toString().contains("DEADLINE_EXCEEDED"));
            }
        } finally {
            callers.shutdownNow();
        }
        await("a new process replaces the stuck one", () -> plugin.status().restarts() == 1
                && plugin.status().state() == PluginState.RUNNING);
        assertTrue(processes.get(0).exited().isDone());
        assertEquals("3 calls in a row ran past their deadline of 1000 ms: the plugin is stuck (deadlocked or busy)",
                plugin.status().lastError().orElseThrow());
    }

    @Test
    public void aProvidersOwnRestartPolicyDecidesWhenToGiveUp() throws Exception {
        dev.pnode.api.RestartPolicy once = new dev.pnode.api.RestartPolicy(1, Duration.ofMinutes(1),
                Duration.ofMillis(10));
        start(n -> new ScriptedProcess(true, n > 0), new LocalInterface(), new ProviderSettings("helloworld",
                "helloworld", "1.0.0", new ConfigSource.Inline("helloworld", ""), false, Optional.of(once)));
        assertEquals(once, plugin.status().restartPolicy());

        onSupervisor(() -> processes.get(0).exited().complete("exited with status 3"));

        await("the host gives up after one restart", () -> plugin.status().state() == PluginState.FAILED
                && plugin.status().lastError().orElse("").startsWith("gave up after 1 restarts within 1 min"));
        assertEquals(1, plugin.status().restarts());
        assertEquals(2, processes.size());
    }

    /** The first process fails its health checks; the second, healthy, replaces it. */
    private void startAndReplaceAnUnhealthyProcess() throws Exception {
        start(n -> new ScriptedProcess(n > 0, false));
        onSupervisor(plugin::checkHealth);
        onSupervisor(plugin::checkHealth);
        await("the unhealthy process is replaced", () -> processes.size() == 2
                && plugin.status().state() == PluginState.RUNNING);
    }

    @Test
    public void aPluginThatStoppedAnsweringRestartsAtALowerPriority() throws Exception {
        startAndReplaceAnUnhealthyProcess();

        assertEquals(CpuPriority.NORMAL, processes.get(0).priority);
        assertEquals("its first restart, at once, but at a lower priority", CpuPriority.LOW, processes.get(1).priority);
    }

    @Test
    public void aFirstCrashRestartsAtNormalPriorityAndARepeatedOneWithinTheWindowLower() throws Exception {
        start(n -> new ScriptedProcess(true, false));

        onSupervisor(() -> processes.get(0).exited().complete("exited with status 137"));
        await("the first crash is restarted", () -> processes.size() == 2
                && plugin.status().state() == PluginState.RUNNING);
        onSupervisor(() -> processes.get(1).exited().complete("exited with status 137"));
        await("the second crash is restarted after its backoff", () -> processes.size() == 3
                && plugin.status().state() == PluginState.RUNNING);

        assertEquals(CpuPriority.NORMAL, processes.get(1).priority);
        assertEquals(CpuPriority.LOW, processes.get(2).priority);
    }

    @Test
    public void aReloadsReplacementBootsInTheBackgroundAndRunsAtNormalPriorityBeforeItServes() throws Exception {
        startAndReplaceAnUnhealthyProcess();

        supervisor.call(() -> {
            plugin.reload(plugin.provider(), store);
            return null;
        });

        assertEquals(CpuPriority.LOW, processes.get(1).priority);
        assertEquals("the old process serves while it starts", CpuPriority.BACKGROUND, processes.get(2).priority);
        assertEquals("put at normal priority while the old process still served", OptionalLong.of(processes.get(1).pid),
                processes.get(2).servingWhenRaised);
        assertEquals(OptionalLong.of(processes.get(2).pid), plugin.status().pid());
    }

    @Test
    public void aReloadWithNothingServingStartsAtNormalPriority() throws Exception {
        start(n -> new ScriptedProcess(true, false, n == 0)); // a required plugin is not restarted after that
        await("the first start failed", () -> plugin.status().state() == PluginState.FAILED);

        supervisor.call(() -> {
            plugin.reload(plugin.provider(), store);
            return null;
        });

        assertEquals("callers wait for it", CpuPriority.NORMAL, processes.get(1).priority);
        assertEquals(PluginState.RUNNING, plugin.status().state());
    }

    @Test
    public void withLoweringTurnedOffEveryStartIsAtNormalPriority() throws Exception {
        lowerStartPriority = false;
        startAndReplaceAnUnhealthyProcess();
        supervisor.call(() -> {
            plugin.reload(plugin.provider(), store);
            return null;
        });

        assertEquals(CpuPriority.NORMAL, processes.get(1).priority);
        assertEquals(CpuPriority.NORMAL, processes.get(2).priority);
    }
}
