package dev.pnode.host.manager;

import static dev.pnode.host.manager.RealPlugin.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.InstalledPlugin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.api.RestartPolicy;
import dev.pnode.host.manager.GreetingInterface.Greeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.ServiceReference;

/** The PluginManager component in a fake framework: readiness, settings errors, missing interfaces, reloads. */
public class PluginManagerTest {


    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final FakeOsgi osgi = new FakeOsgi();
    private final PluginManager manager = new PluginManager();
    private Path dataDir;
    private Path settingsFile;
    private boolean active;

    @Before
    public void setUp() throws IOException {
        dataDir = temp.newFolder("data").toPath();
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(RealPlugin.HELLOWORLD_ZIP, plugins.resolve("helloworld-1.0.0.zip"));
        settingsFile = temp.getRoot().toPath().resolve("plugins.json");
        osgi.properties.put("pnode.datadir", dataDir.toString());
        osgi.properties.put("pnode.identity", "node-1");
    }

    @After
    public void tearDown() {
        if (active) {
            manager.deactivate();
        }
    }

    private void activate() {
        manager.activate(osgi.context);
        active = true;
    }

    private void writeSettings(String language) throws IOException {
        Files.writeString(settingsFile, "{\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                + "\"config\":{\"language\":\"" + language + "\"}}}}");
        osgi.properties.put("pnode.plugins", settingsFile.toString());
    }

    private FakeOsgi.Registration registry() {
        return osgi.registrationsOf(PluginRegistry.class).get(0);
    }

    private String readiness() {
        return (String) registry().properties.get("pnode.readiness");
    }

    private String readinessMessage() {
        return (String) registry().properties.get("pnode.readiness.message");
    }

    private void awaitReadiness(String state) throws InterruptedException {
        await("readiness is " + state, () -> state.equals(readiness()));
    }

    @Test
    public void registersRegistryAndAdminAsStartingFirst() {
        writeSettingsQuietly();
        activate();
        assertEquals(List.of(PluginRegistry.class.getName(), dev.pnode.api.PluginAdmin.class.getName()),
                registry().classes);
    }

    private void writeSettingsQuietly() {
        try {
            writeSettings("en");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void withoutSettingsTheHostIsReadyWithNoPlugins() throws Exception {
        activate();
        awaitReadiness("ready");
        assertEquals("no plugins configured", readinessMessage());
        assertEquals(List.of(), manager.plugins());
    }

    @Test
    public void withoutDatadirTheHostFails() throws Exception {
        osgi.properties.remove("pnode.datadir");
        activate();
        awaitReadiness("failed");
        assertTrue(readinessMessage(), readinessMessage().contains("pnode.datadir is not set"));
    }

    @Test
    public void aBadTimeoutPropertyFailsTheHost() throws Exception {
        osgi.properties.put("pnode.plugin.callTimeout", "soon");
        activate();
        awaitReadiness("failed");
        assertEquals("plugin host: framework property pnode.plugin.callTimeout: 'soon' is not a duration like 500ms,"
                + " 10s or 2m", readinessMessage());
    }

    @Test
    public void aBadLowerStartPriorityFlagFailsTheHost() throws Exception {
        osgi.properties.put("pnode.plugin.lowerStartPriority", "yes");
        activate();
        awaitReadiness("failed");
        assertEquals("plugin host: framework property pnode.plugin.lowerStartPriority must be true or false, was"
                + " 'yes'", readinessMessage());
    }

    @Test
    public void invalidSettingsFailWithTheParseError() throws Exception {
        Files.writeString(settingsFile, "{\"providers\":{\"helloworld\":{\"name\":\"helloworld\"}}}");
        osgi.properties.put("pnode.plugins", settingsFile.toString());
        activate();
        awaitReadiness("failed");
        assertTrue(readinessMessage(), readinessMessage().contains("providers.helloworld.version: is required"));
        assertTrue(readinessMessage(), readinessMessage().contains(settingsFile.toString()));
    }

    @Test
    public void aProviderWhoseInterfaceNeverComesFails() throws Exception {
        writeSettings("en");
        activate();
        osgi.frameworkStarted();
        awaitReadiness("failed");
        assertEquals("plugin helloworld: no bundle provides plugin interface 'helloworld' (installed interfaces: none)",
                readinessMessage());
        assertEquals(PluginState.FAILED, manager.plugin("helloworld").orElseThrow().state());
    }

    @Test
    public void startsTheConfiguredPluginWhenItsInterfaceArrives() throws Exception {
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        assertEquals("1 plugin running", readinessMessage());
        assertEquals(PluginState.RUNNING, manager.plugin("helloworld").orElseThrow().state());
        assertEquals("Hello world!", osgi.live(Greeter.class).get(0).greeting("world"));
        await("the plugin's output, which names the host identity, is kept",
                () -> manager.recentOutput("helloworld", 50).stream().anyMatch(line -> line.contains("node-1")));
    }

    @Test
    public void aPluginLackingAServiceOfItsInterfaceFailsAtOnceNamingIt() throws Exception {
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface() {
            @Override
            public List<String> grpcServices() {
                return List.of("proto.PluginGreeting", "kvstore.KeyValueStore");
            }
        });
        awaitReadiness("failed");
        assertTrue(readinessMessage(), readinessMessage().startsWith("plugin helloworld: helloworld 1.0.0 does not "
                + "serve gRPC service kvstore.KeyValueStore (it serves "));
        assertTrue("the Java plugin lists its services through reflection: " + readinessMessage(),
                readinessMessage().contains("proto.PluginGreeting"));
        assertTrue(readinessMessage(), readinessMessage().contains("which plugin interface 'helloworld'"));
        PluginStatus status = manager.plugin("helloworld").orElseThrow();
        assertEquals(PluginState.FAILED, status.state());
        assertEquals("no process is left serving", java.util.OptionalLong.empty(), status.pid());
        await("no contract service stays registered", () -> osgi.live(Greeter.class).isEmpty());
    }

    @Test
    public void reloadAppliesTheChangedConfig() throws Exception {
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        writeSettings("es");
        manager.reload("helloworld");
        List<Greeter> live = osgi.live(Greeter.class);
        assertEquals("Hola world!", live.get(live.size() - 1).greeting("world"));
    }

    @Test
    public void reloadOfAnUnknownKeyIsRefused() throws Exception {
        writeSettings("en");
        activate();
        String message = assertThrows(IllegalArgumentException.class, () -> manager.reload("security")).getMessage();
        assertTrue(message, message.contains("'security'"));
    }

    @Test
    public void reloadAllLeavesUnchangedPluginsAloneAndStopsRemovedOnes() throws Exception {
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        long pid = manager.plugin("helloworld").orElseThrow().pid().orElseThrow();
        assertEquals(Map.of(), manager.reloadAll());
        assertEquals(pid, manager.plugin("helloworld").orElseThrow().pid().orElseThrow());

        writeSettings("es");
        assertEquals(Map.of("helloworld", "reloaded"), manager.reloadAll());

        Files.writeString(settingsFile, "{\"providers\":{}}");
        assertEquals(Map.of("helloworld", "stopped"), manager.reloadAll());
        assertEquals(List.of(), manager.plugins());
        assertEquals(List.of(), osgi.live(Greeter.class));
    }

    @Test
    public void saysWhetherItHasReadTheSettingsSoThatNoPluginsIsNotMistakenForNoSecurity() throws Exception {
        Files.writeString(settingsFile, "{\"providers\":");
        osgi.properties.put("pnode.plugins", settingsFile.toString());
        activate();
        awaitReadiness("failed");
        assertFalse("unreadable settings are not read settings", manager.settingsRead());

        Files.writeString(settingsFile, "{\"providers\":{}}");
        manager.reloadAll();
        assertTrue(manager.settingsRead());
    }

    @Test
    public void reloadAllWithBrokenSettingsChangesNothing() throws Exception {
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        Files.writeString(settingsFile, "{\"providers\":");
        String message = assertThrows(PluginException.class, manager::reloadAll).getMessage();
        assertTrue(message, message.contains("invalid JSON"));
        assertEquals(PluginState.RUNNING, manager.plugin("helloworld").orElseThrow().state());
    }

    @Test
    public void anInterfaceBundleUpdateKeepsThePluginProcess() throws Exception {
        writeSettings("en");
        activate();
        ServiceReference<GreetingInterface> oldRevision = osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        long pid = manager.plugin("helloworld").orElseThrow().pid().orElseThrow();
        osgi.withdraw(oldRevision);
        await("the contract service is withdrawn", () -> osgi.live(Greeter.class).isEmpty());
        osgi.publish(new GreetingInterface());
        await("the new revision serves", () -> osgi.live(Greeter.class).size() == 1);
        assertEquals(pid, manager.plugin("helloworld").orElseThrow().pid().orElseThrow());
        assertEquals("Hello world!", osgi.live(Greeter.class).get(0).greeting("world"));
    }

    @Test
    public void deactivationStopsEveryPluginAndCleansUp() throws Exception {
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        ProcessHandle process = ProcessHandle.of(manager.plugin("helloworld").orElseThrow().pid().orElseThrow())
                .orElseThrow();
        manager.deactivate();
        active = false;
        await("the plugin process is gone", () -> !process.isAlive());
        assertEquals(List.of(), osgi.live(Greeter.class));
        assertTrue(registry().unregistered);
        try (var left = Files.list(dataDir.resolve("work/helloworld"))) {
            assertEquals("the extraction, its cache, its stamp and its services are kept for the next start, nothing"
                    + " else", List.of("1.0.0-", "1.0.0-.cache", "1.0.0-.services", "1.0.0-.stamp"),
                    left.map(path -> path.getFileName().toString().replaceAll("-[0-9a-f]{16}", "-")).sorted()
                            .toList());
        }
        try (var services = Files.newDirectoryStream(dataDir.resolve("work/helloworld"), "*.services")) {
            List<String> recorded = Files.readAllLines(services.iterator().next());
            assertTrue("the services the check found, for the next start of the same zip: " + recorded,
                    recorded.containsAll(new GreetingInterface().grpcServices()));
        }
    }

    private Path publishToFileCentral() throws IOException {
        Path central = temp.newFolder("central").toPath();
        Path zip = central.resolve("helloworld/1.0.0/helloworld-1.0.0.zip");
        Files.createDirectories(zip.getParent());
        Files.copy(RealPlugin.HELLOWORLD_ZIP, zip);
        return central;
    }

    private void writeSettingsWithCentral(Path central) throws IOException {
        Files.writeString(settingsFile, "{\"central\":{\"baseURL\":\"" + central.toUri() + "\",\"skipVerify\":true,"
                + "\"pluginDistPathTemplate\":\"{{.Name}}/{{.Version}}/{{.Name}}-{{.Version}}.zip\"},"
                + "\"providers\":{}}");
        osgi.properties.put("pnode.plugins", settingsFile.toString());
    }

    @Test
    public void installDownloadsFromTheCentralWithoutStarting() throws Exception {
        Files.delete(dataDir.resolve("plugins/helloworld-1.0.0.zip"));
        writeSettingsWithCentral(publishToFileCentral());
        activate();
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

        InstalledPlugin installed = manager.install("helloworld", "1.0.0",
                (url, received, total) -> progress.add(received + "/" + total));

        Path zip = dataDir.resolve("plugins/helloworld-1.0.0.zip");
        assertEquals(new InstalledPlugin("helloworld", "1.0.0", zip, true), installed);
        assertTrue(Files.isRegularFile(zip));
        long size = Files.size(zip);
        assertEquals("the last progress report is the whole zip", size + "/" + size, progress.get(progress.size() - 1));
        assertEquals(List.of(), manager.plugins());
        assertEquals(new InstalledPlugin("helloworld", "1.0.0", zip, false), manager.install("helloworld", "1.0.0"));
    }

    @Test
    public void installOfAZipSwappedAfterInstallationIsRefused() throws Exception {
        Files.delete(dataDir.resolve("plugins/helloworld-1.0.0.zip"));
        writeSettingsWithCentral(publishToFileCentral());
        activate();
        Path zip = manager.install("helloworld", "1.0.0").zip();
        Files.write(zip, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        String message = assertThrows(PluginException.class, () -> manager.install("helloworld", "1.0.0")).getMessage();
        assertTrue(message, message.contains("recorded"));
    }

    @Test
    public void aZipSwappedAfterInstallationIsNotStartedAndLeavesNoWorkDirectory() throws Exception {
        Files.delete(dataDir.resolve("plugins/helloworld-1.0.0.zip"));
        writeSettingsWithCentral(publishToFileCentral());
        activate();
        osgi.publish(new GreetingInterface());
        Path zip = manager.install("helloworld", "1.0.0").zip();
        Files.write(zip, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(settingsFile, Files.readString(settingsFile).replace("\"providers\":{}",
                "\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\"}}"));

        String outcome = manager.reloadAll().get("helloworld");

        assertTrue(outcome, outcome.contains("recorded"));
        PluginStatus status = manager.plugin("helloworld").orElseThrow();
        assertTrue(status.toString(), status.state() != PluginState.RUNNING && status.pid().isEmpty());
        assertEquals(List.of(), osgi.live(Greeter.class));
        try (var left = Files.list(dataDir.resolve("work/helloworld"))) {
            assertEquals("the zip was extracted beside the digest check; the extraction and its cache are gone",
                    List.of(), left.toList());
        }
    }

    @Test
    public void installOfAPluginTheCentralLacksLeavesNothing() throws Exception {
        writeSettingsWithCentral(publishToFileCentral());
        activate();
        String message = assertThrows(PluginException.class, () -> manager.install("helloworld", "2.0.0")).getMessage();
        assertTrue(message, message.startsWith("installing plugin helloworld 2.0.0 from the plugin central failed: "));
        try (java.util.stream.Stream<Path> files = Files.list(dataDir.resolve("plugins"))) {
            assertEquals(List.of("helloworld-1.0.0.zip"), files.map(file -> file.getFileName().toString()).toList());
        }
    }

    @Test
    public void installWithoutACentralSaysWhatToDoInstead() throws Exception {
        writeSettings("en");
        activate();
        String message = assertThrows(PluginException.class, () -> manager.install("kv", "1.0.0")).getMessage();
        assertTrue(message, message.contains("configure no central; copy kv-1.0.0.zip into "));
    }

    @Test
    public void aPluginThatStopsAnsweringIsKilledAndRestarted() throws Exception {
        osgi.properties.put("pnode.plugin.healthInterval", "200ms");
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        long frozen = manager.plugin("helloworld").orElseThrow().pid().orElseThrow();

        signal("STOP", frozen);

        await("a new process serves", () -> manager.plugin("helloworld").orElseThrow().state() == PluginState.RUNNING
                && manager.plugin("helloworld").orElseThrow().pid().orElseThrow() != frozen);
        assertEquals(1, manager.plugin("helloworld").orElseThrow().restarts());
        String error = manager.plugin("helloworld").orElseThrow().lastError().orElseThrow();
        assertTrue(error, error.contains("health checks in a row failed"));
        await("the frozen process is gone", () -> ProcessHandle.of(frozen).map(p -> !p.isAlive()).orElse(true));
        List<Greeter> live = osgi.live(Greeter.class);
        assertEquals(1, live.size());
        assertEquals("Hello world!", live.get(0).greeting("world"));
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
    }

    @Test
    public void reloadAllTakesANewRestartPolicyWithoutRestarting() throws Exception {
        writeSettings("en");
        activate();
        osgi.publish(new GreetingInterface());
        awaitReadiness("ready");
        long pid = manager.plugin("helloworld").orElseThrow().pid().orElseThrow();
        assertEquals(RestartPolicy.DEFAULT, manager.plugin("helloworld").orElseThrow().restartPolicy());

        Files.writeString(settingsFile, "{\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                + "\"config\":{\"language\":\"en\"},\"restart\":{\"maxRestarts\":1,\"window\":\"1m\"}}}}");

        assertEquals(Map.of("helloworld", "restart policy changed"), manager.reloadAll());
        assertEquals(new RestartPolicy(1, Duration.ofMinutes(1), RestartPolicy.DEFAULT.maxBackoff()),
                manager.plugin("helloworld").orElseThrow().restartPolicy());
        assertEquals(pid, manager.plugin("helloworld").orElseThrow().pid().orElseThrow());
        assertEquals(Map.of(), manager.reloadAll());
    }

    @Test
    public void configContentsNeverReachTheLog() throws Exception {
        String secret = "s3cr3t-T0KEN-4711";
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            private final java.util.logging.SimpleFormatter formatter = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            Files.writeString(settingsFile, "{\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":"
                    + "\"1.0.0\",\"config\":{\"language\":\"en\",\"token\":\"" + secret + "\"}}}}");
            osgi.properties.put("pnode.plugins", settingsFile.toString());
            activate();
            osgi.publish(new GreetingInterface());
            awaitReadiness("ready");
            Files.writeString(settingsFile, Files.readString(settingsFile).replace("\"en\"", "\"es\""));
            manager.reload("helloworld");
            Files.writeString(settingsFile, Files.readString(settingsFile).replace("\"1.0.0\"", "\"9.9.9\""));
            assertThrows(PluginException.class, () -> manager.reload("helloworld"));
        } finally {
            root.removeHandler(capture);
        }
        assertTrue("the test saw the host's log", logged.stream().anyMatch(line -> line.contains("reloaded")));
        assertEquals(List.of(), logged.stream().filter(line -> line.contains(secret)).toList());
    }
}
