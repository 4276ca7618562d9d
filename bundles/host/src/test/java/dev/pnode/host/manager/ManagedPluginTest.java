package dev.pnode.host.manager;

import static dev.pnode.host.manager.RealPlugin.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.PluginProcessVariables;
import dev.pnode.api.PluginServiceProperties;
import dev.pnode.api.PluginState;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.discovery.ExtractionLimits;
import dev.pnode.central.Platform;
import dev.pnode.host.discovery.PluginLocator;
import dev.pnode.host.discovery.WorkDirectories;
import dev.pnode.host.discovery.ZipExtractor;
import dev.pnode.host.manager.GreetingInterface.Greeter;
import dev.pnode.host.settings.ConfigSource;
import dev.pnode.host.settings.PluginStore;
import dev.pnode.host.settings.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One plugin's life with the real Java helloworld plugin as a process: start, crash and restart, make-before-break
 * reload (no failed calls), failed reload keeping the old process, stop. OSGi is faked; processes are real.
 */
public class ManagedPluginTest {

    private static final Timings TIMINGS = new Timings(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
            Duration.ofMinutes(10));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final FakeOsgi osgi = new FakeOsgi();
    private final Supervisor supervisor = new Supervisor("test-supervisor");
    private Path baseDir;
    private WorkDirectories work;
    private PluginStore store;
    private ManagedPlugin plugin;

    @Before
    public void setUp() throws IOException {
        baseDir = temp.newFolder("plugins").toPath();
        Files.copy(RealPlugin.HELLOWORLD_ZIP, baseDir.resolve("helloworld-1.0.0.zip"));
        work = new WorkDirectories(temp.getRoot().toPath().resolve("work"));
        PluginLauncher launcher = new PluginLauncher(PluginProcess::create,
                new PluginLocator(Platform.current(), Optional.empty()), new ZipExtractor(ExtractionLimits.DEFAULT),
                work, temp.newFolder("run").toPath(), "test-node", TIMINGS, Clock.systemUTC(), true);
        ProviderSettings provider = provider("1.0.0", "{\"language\":\"en\"}");
        store = new PluginStore(baseDir, Optional.empty());
        plugin = new ManagedPlugin(provider, store, launcher, supervisor, TIMINGS, Clock.systemUTC(), () -> { });
    }

    @After
    public void tearDown() throws Exception {
        onSupervisor(() -> plugin.stop("test over"));
        supervisor.shutdown(() -> { }, Duration.ofSeconds(10));
    }

    private static ProviderSettings provider(String version, String config) {
        return new ProviderSettings("helloworld", "helloworld", version, new ConfigSource.Inline("helloworld", config));
    }

    private void onSupervisor(Runnable task) throws Exception {
        supervisor.call(() -> {
            task.run();
            return null;
        });
    }

    private InterfaceBinding start() throws Exception {
        InterfaceBinding binding = new InterfaceBinding(new GreetingInterface(),
                osgi.<PluginInterface>reference(), "helloworld");
        onSupervisor(() -> plugin.bind(binding));
        return binding;
    }

    private Greeter greeter() {
        List<Greeter> live = osgi.live(Greeter.class);
        assertEquals("exactly one live contract service", 1, live.size());
        return live.get(0);
    }

    private long pid() {
        return plugin.status().pid().orElseThrow();
    }

    /** The plugin's extraction directories (kept between starts; their caches and stamps beside them are not counted). */
    private long extractions() throws IOException {
        Path plugin = work.root().resolve("helloworld");
        if (!Files.isDirectory(plugin)) {
            return 0;
        }
        try (Stream<Path> directories = Files.list(plugin)) {
            return directories.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().endsWith(".cache")).count();
        }
    }

    /** The cache directory the plugin process got in its environment, from /proc. */
    private static String cacheVariableOf(long pid) throws IOException {
        return variableOf(pid, PluginProcessVariables.CACHE_DIR).orElseThrow();
    }

    /** A variable of the plugin process's environment, from /proc. */
    private static Optional<String> variableOf(long pid, String name) throws IOException {
        String prefix = name + "=";
        String environment = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.stream(environment.split("\0")).filter(entry -> entry.startsWith(prefix))
                .map(entry -> entry.substring(prefix.length())).findFirst();
    }

    @Test
    public void onlyAReloadsReplacementIsToldItMayWarmItselfUp() throws Exception {
        start();
        assertEquals("callers wait for a first start: no warm-up", Optional.empty(),
                variableOf(pid(), dev.pnode.api.PluginProcessVariables.WARM_UP_MILLIS));

        supervisor.call(() -> {
            plugin.reload(provider("1.0.0", "{\"language\":\"es\"}"), store);
            return null;
        });

        assertEquals("the old process served while the replacement started",
                Optional.of(Long.toString(Timings.REPLACEMENT_WARM_UP.toMillis())),
                variableOf(pid(), dev.pnode.api.PluginProcessVariables.WARM_UP_MILLIS));
        assertEquals("Hola world!", greeter().greeting("world"));
    }

    @Test
    public void startsThePluginAndRegistersItsContract() throws Exception {
        start();
        assertEquals(PluginState.RUNNING, plugin.status().state());
        assertTrue(plugin.status().pid().isPresent());
        assertTrue(plugin.status().startedAt().isPresent());
        assertEquals("Hello world!", greeter().greeting("world"));
        FakeOsgi.Registration registration = osgi.registrationsOf(Greeter.class).get(0);
        assertEquals("helloworld", registration.properties.get(PluginServiceProperties.INTERFACE));
        assertEquals(Greeter.class.getName(), registration.properties.get(PluginServiceProperties.CONTRACT));
        assertEquals("helloworld", registration.properties.get(PluginServiceProperties.NAME));
        assertEquals("1.0.0", registration.properties.get(PluginServiceProperties.VERSION));
        assertEquals(1, extractions());
    }

    @Test
    public void aMissingZipFailsWithWhereItLooked() throws Exception {
        Files.delete(baseDir.resolve("helloworld-1.0.0.zip"));
        start();
        assertEquals(PluginState.FAILED, plugin.status().state());
        String error = plugin.status().lastError().orElseThrow();
        assertTrue(error, error.contains("helloworld-1.0.0.zip") && error.contains(baseDir.toString()));
        assertEquals(List.of(), osgi.live(Greeter.class));
        assertEquals(0, extractions());
    }

    @Test
    public void aCallMadeWhileAKilledPluginRestartsWaitsForTheNewProcess() throws Exception {
        start();
        Greeter service = greeter();
        long firstPid = pid();
        ProcessHandle killed = ProcessHandle.of(firstPid).orElseThrow();
        killed.destroyForcibly();
        // a call still on its way to the dying process fails; one made after the host saw the exit waits
        await("the host saw the exit", () -> plugin.status().pid().stream().noneMatch(pid -> pid == firstPid));

        // the contract service stays registered through the restart; the call waits (within the call timeout)
        assertEquals("Hello again!", service.greeting("again"));
        assertEquals(PluginState.RUNNING, plugin.status().state());
        assertEquals(1, plugin.status().restarts());
        assertTrue(plugin.status().lastError().orElseThrow().contains("exited"));
        assertFalse(pid() == firstPid);
        assertEquals("the new process's service answers too", "Hello too!", greeter().greeting("too"));
    }

    @Test
    public void reloadSwitchesToTheNewConfigWithoutFailedCalls() throws Exception {
        start();
        long oldPid = pid();
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread caller = new Thread(() -> {
            while (calling.get()) {
                List<Greeter> live = osgi.live(Greeter.class);
                try {
                    live.get(live.size() - 1).greeting("world");
                    calls.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }
        });
        caller.start();
        supervisor.call(() -> {
            plugin.reload(provider("1.0.0", "{\"language\":\"es\"}"), store);
            return null;
        });
        assertTrue("the replaced process drains: the channels leave it the cores", PluginProcess.channelPollingHeld());
        await("the replaced process is stopped after the drain grace",
                () -> ProcessHandle.of(oldPid).map(p -> !p.isAlive()).orElse(true));
        await("with it gone, the channels poll again", () -> !PluginProcess.channelPollingHeld());
        calling.set(false);
        caller.join();
        assertEquals("failed calls during the reload (of " + calls.get() + ")", 0, failures.get());
        assertTrue(calls.get() > 0);
        assertEquals("Hola world!", greeter().greeting("world"));
        assertFalse(pid() == oldPid);
        assertEquals("the same zip is served from the same directory", 1, extractions());
    }

    @Test
    public void aFailedReloadKeepsTheOldPluginServing() throws Exception {
        start();
        long pid = pid();
        String message = assertThrows(PluginException.class, () -> supervisor.call(() -> {
            plugin.reload(provider("9.9.9", "{}"), store);
            return null;
        })).getMessage();
        assertTrue(message, message.contains("plugin helloworld: reload failed"));
        assertTrue(message, message.contains("keeps serving"));
        assertTrue(message, message.contains("helloworld-9.9.9.zip"));
        assertEquals(pid, pid());
        assertEquals(PluginState.RUNNING, plugin.status().state());
        assertEquals("Hello world!", greeter().greeting("world"));
        assertFalse("the old process serves alone again, its channel polling", PluginProcess.channelPollingHeld());
    }

    @Test
    public void aReloadWithAnUnreadableConfigKeepsTheOldPlugin() throws Exception {
        start();
        ProviderSettings broken = new ProviderSettings("helloworld", "helloworld", "1.0.0",
                new ConfigSource.FileReference("helloworld", "file:///no/such.json", Path.of("/no/such.json")));
        String message = assertThrows(PluginException.class, () -> supervisor.call(() -> {
            plugin.reload(broken, store);
            return null;
        })).getMessage();
        assertTrue(message, message.contains("file:///no/such.json"));
        assertEquals("Hello world!", greeter().greeting("world"));
    }

    @Test
    public void anUpdatedInterfaceBundleTakesOverTheRunningProcess() throws Exception {
        InterfaceBinding oldRevision = start();
        long pid = pid();
        onSupervisor(() -> plugin.unbind(oldRevision));
        assertEquals(List.of(), osgi.live(Greeter.class));
        assertEquals(PluginState.STARTING, plugin.status().state());
        start();
        assertEquals(PluginState.RUNNING, plugin.status().state());
        assertEquals(pid, pid());
        assertEquals("Hello world!", greeter().greeting("world"));
    }

    @Test
    public void aProcessWhoseInterfaceDoesNotComeBackIsStopped() throws Exception {
        InterfaceBinding binding = start();
        ProcessHandle process = ProcessHandle.of(pid()).orElseThrow();
        onSupervisor(() -> plugin.unbind(binding));
        await("the kept process is stopped after the rebind grace", () -> !process.isAlive());
        assertEquals("its extraction is kept for the next start", 1, extractions());
        assertEquals(PluginState.STARTING, plugin.status().state());
    }

    @Test
    public void stopKillsTheProcessAndCleansUp() throws Exception {
        start();
        ProcessHandle process = ProcessHandle.of(pid()).orElseThrow();
        onSupervisor(() -> plugin.stop("test"));
        assertEquals(PluginState.STOPPED, plugin.status().state());
        assertEquals(List.of(), osgi.live(Greeter.class));
        await("the process is gone", () -> !process.isAlive());
        assertEquals("its extraction is kept for the next start", 1, extractions());
    }

    @Test
    public void theNextStartReusesTheExtractionAndHandsThePluginItsCache() throws Exception {
        start();
        Path cache = Path.of(cacheVariableOf(pid()));
        assertEquals(work.root().resolve("helloworld"), cache.getParent());
        assertTrue(Files.isDirectory(cache));
        Path jar = cache.resolveSibling(cache.getFileName().toString().replace(".cache", "")).resolve("helloworld.jar");
        FileTime extracted = Files.getLastModifiedTime(jar);
        Object inode = Files.getAttribute(jar, "unix:ino");
        long oldPid = pid();
        supervisor.call(() -> {
            plugin.reload(provider("1.0.0", "{\"language\":\"es\"}"), store);
            return null;
        });
        assertFalse(pid() == oldPid);
        assertEquals("Hola world!", greeter().greeting("world"));
        assertEquals(cache.toString(), cacheVariableOf(pid()));
        assertEquals(1, extractions());
        assertEquals("the jar was not written again", inode, Files.getAttribute(jar, "unix:ino"));
        assertEquals(extracted, Files.getLastModifiedTime(jar));
    }
}
