package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A plugin started at {@link CpuPriority#LOW} (a real child JVM) runs with nice 10 and in a session whose scheduler
 * autogroup is nice 10, still serves, and gets its autogroup back to nice 0; one started at normal priority has the
 * host's nice value. Reads the kernel's own view ({@code /proc}).
 */
public class CpuPriorityTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<PluginProcess> processes = new ArrayList<>();

    @Before
    public void requireLinuxWithAutogroups() {
        assertTrue("plugin priorities need Linux with util-linux setpriv and setsid (apt-get install util-linux): "
                + ProcessTether.current().describe(), ProcessTether.current().describe()
                .startsWith("plugin processes die with the node"));
        assertTrue("this test reads the scheduler autogroups of /proc/<pid>/autogroup (a kernel built with"
                + " CONFIG_SCHED_AUTOGROUP)", Files.exists(Path.of("/proc/self/autogroup")));
    }

    @After
    public void killAll() {
        processes.forEach(PluginProcess::kill);
    }

    private PluginProcess started(CpuPriority priority) throws Exception {
        LaunchSpec normal = TestPlugins.spec(folder, "normal");
        PluginProcess process = PluginProcess.create(new LaunchSpec(normal.pluginLabel(), normal.executable(),
                normal.arguments(), normal.workingDirectory(), normal.handshake(), normal.environment(),
                normal.startTimeout(), normal.runDirectory(), priority));
        processes.add(process);
        process.start();
        return process;
    }

    @Test
    public void aLowPriorityPluginRunsNicedInALoweredAutogroupUntilItsPriorityIsRestored() throws Exception {
        PluginProcess plugin = started(CpuPriority.LOW);
        long pid = plugin.pid().orElseThrow();

        assertTrue("the plugin serves", plugin.isHealthy(Duration.ofSeconds(10)));
        assertEquals(niceOf(ProcessHandle.current().pid()) + ProcessTether.LOW_PRIORITY_NICE, niceOf(pid));
        assertEquals("nice 10", autogroupNice(pid));
        assertNotEquals("the plugin's session has an autogroup of its own", autogroupName(ProcessHandle.current()
                .pid()), autogroupName(pid));

        assertTrue("restored", plugin.restoreNormalPriority());

        assertEquals("nice 0", autogroupNice(pid));
        assertTrue("the plugin still serves", plugin.isHealthy(Duration.ofSeconds(10)));
    }

    @Test
    public void aNormalPluginRunsAtTheHostsPriority() throws Exception {
        PluginProcess plugin = started(CpuPriority.NORMAL);
        long pid = plugin.pid().orElseThrow();

        assertEquals(niceOf(ProcessHandle.current().pid()), niceOf(pid));
        assertEquals("nice 0", autogroupNice(pid));
    }

    @Test
    public void restoringAGoneProcessSaysItDidNot() throws Exception {
        PluginProcess plugin = started(CpuPriority.LOW);
        plugin.kill();

        assertEquals(false, plugin.restoreNormalPriority());
    }

    /** Field 19 of /proc/<pid>/stat, counted after the command name's closing parenthesis. */
    private static int niceOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static String autogroupName(long pid) throws IOException {
        return autogroup(pid).split(" ")[0];
    }

    private static String autogroupNice(long pid) throws IOException {
        String[] parts = autogroup(pid).split(" ");
        return parts[1] + " " + parts[2];
    }

    private static String autogroup(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "autogroup")).strip();
    }
}
