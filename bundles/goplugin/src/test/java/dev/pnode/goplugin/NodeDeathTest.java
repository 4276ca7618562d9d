package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.pnode.goplugin.testplugin.TestPlugin;
import dev.pnode.goplugin.testplugin.TetheredHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A node killed with SIGKILL takes its plugins with it, and their own children, whether the plugin serves or is
 * still in its start ({@link ProcessTether}). The node is a JVM of its own ({@link TetheredHost}); the plugins
 * are shell entrypoints that leave a child and an orphaned grandchild ({@code sleep}s with a marker argument, so
 * that they can be found after the node is gone) and then exec a Java plugin or hang.
 */
public class NodeDeathTest {

    /** Only a bound for the wait, never a timing assertion: untethered plugins would live for an hour. */
    private static final long PATIENCE_MILLIS = 20_000;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final String marker = "3000." + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    private Process host;

    @Before
    public void requireTether() {
        assertTrue("plugins are tied to the node only on Linux with util-linux setpriv and setsid (apt-get install"
                + " util-linux): " + ProcessTether.current().describe(), ProcessTether.current().describe()
                .startsWith("plugin processes die with the node"));
    }

    @After
    public void killLeftovers() {
        if (host != null) {
            host.destroyForcibly();
        }
        marked().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    public void aServingPluginAndItsChildrenDieWithAKilledNode() throws Exception {
        Path java = TestPlugins.javaEntrypoint(temp, TestPlugin.class.getName());
        startHost(entrypoint("exec '" + java + "' \"$@\""));
        awaitLine("SERVING");
        assertNodeKillTakesEverything();
    }

    @Test
    public void aPluginStillStartingAndItsChildrenDieWithAKilledNode() throws Exception {
        startHost(entrypoint("exec sleep " + marker));
        awaitMarked(3);
        assertNodeKillTakesEverything();
    }

    @Test
    public void killingAPluginKillsItsChildrenToo() throws Exception {
        Path java = TestPlugins.javaEntrypoint(temp, TestPlugin.class.getName());
        Path root = temp.getRoot().toPath();
        PluginProcess plugin = PluginProcess.create(new LaunchSpec("children", entrypoint("exec '" + java
                + "' \"$@\""), List.of("normal"), root, TestPlugins.HANDSHAKE, Map.of(),
                TestPlugins.START_TIMEOUT, root.resolve("run")));
        plugin.start();
        assertEquals("a child and an orphaned grandchild", 2, marked().size());

        plugin.kill();

        awaitNoneMarked("the plugin's children are gone with it");
    }

    /** The plugin leaves a child and an orphaned grandchild (re-parented, but still in its process group). */
    private Path entrypoint(String last) throws IOException {
        Path script = temp.getRoot().toPath().resolve("entrypoint-" + marker + ".sh");
        Files.writeString(script, "#!/bin/sh\nsleep " + marker + " &\n(sleep " + marker + " &)\n" + last + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private void startHost(Path entrypoint) throws IOException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        host = new ProcessBuilder(javaBinary, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), TetheredHost.class.getName(), entrypoint.toString(),
                temp.getRoot().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void awaitLine(String expected) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals(expected)) {
                return;
            }
        }
        fail("the stand-in node ended without printing " + expected);
    }

    private void assertNodeKillTakesEverything() throws Exception {
        // the sentinel is spawned right after the plugin: give it a moment to appear
        long appear = System.currentTimeMillis() + PATIENCE_MILLIS;
        List<ProcessHandle> plugins = host.toHandle().descendants().collect(Collectors.toList());
        while (plugins.size() < 3 && System.currentTimeMillis() < appear) {
            Thread.sleep(50);
            plugins = host.toHandle().descendants().collect(Collectors.toList());
        }
        assertTrue("the plugin, its child and its sentinel run: " + describe(plugins), plugins.size() >= 3);
        assertTrue("the plugin's child and orphaned grandchild run", markedSleepers() >= 2);

        host.destroyForcibly();
        assertTrue(host.waitFor(PATIENCE_MILLIS, TimeUnit.MILLISECONDS));

        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (plugins.stream().anyMatch(ProcessHandle::isAlive) || !marked().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                fail("still alive after the node was killed: " + describe(plugins.stream()
                        .filter(ProcessHandle::isAlive).toList()) + " " + describe(marked()));
            }
            Thread.sleep(50);
        }
    }

    private long markedSleepers() {
        return marked().stream().filter(process -> process.info().command().orElse("").endsWith("sleep")).count();
    }

    private void awaitMarked(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (marked().size() < count) {
            if (System.currentTimeMillis() > deadline) {
                fail("the plugin's processes did not appear: " + describe(marked()));
            }
            Thread.sleep(50);
        }
    }

    private void awaitNoneMarked(String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!marked().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                fail(what + ": " + describe(marked()));
            }
            Thread.sleep(50);
        }
    }

    /** The {@code sleep} processes this test's plugins started, wherever they were re-parented to. */
    private List<ProcessHandle> marked() {
        return ProcessHandle.allProcesses().filter(process -> process.info().arguments()
                .map(arguments -> List.of(arguments).contains(marker)).orElse(false)).toList();
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().map(process -> process.pid() + " " + process.info().commandLine().orElse("?"))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
