package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.goplugin.testplugin.TestPlugin;
import dev.pnode.wire.PluginStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A plugin started at {@link CpuPriority#LOW} boots in a session of its own whose scheduler autogroup is at nice 10,
 * and runs at nice 0 once it printed its handshake, or once a third of its start timeout has passed; one started at
 * {@link CpuPriority#BACKGROUND} (a reload's replacement) stays at nice 10 past its handshake until the host calls
 * {@link PluginProcess#runAtNormalPriority()}, or a third of its start timeout; one started at normal priority boots
 * at nice 0. The plugins' entrypoints record their own autogroup ({@code /proc/$$/autogroup},
 * the kernel's view) into files.
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
        assertTrue("this test reads scheduler autogroups (/proc/<pid>/autogroup, a kernel built with"
                + " CONFIG_SCHED_AUTOGROUP)", Files.exists(Path.of("/proc/self/autogroup")));
    }

    @After
    public void killAll() {
        processes.forEach(PluginProcess::kill);
    }

    @Test
    public void aLowPriorityPluginBootsInALoweredAutogroupAndServesAtNormalPriority() throws Exception {
        Path booting = folder.getRoot().toPath().resolve("booting");
        PluginProcess plugin = startedRecordingItsBoot(CpuPriority.LOW, booting);
        long pid = plugin.pid().orElseThrow();

        assertEquals("nice 10", niceOf(Files.readString(booting)));
        assertNotEquals("the plugin's session has an autogroup of its own", nameOf(autogroup(ProcessHandle.current()
                .pid())), nameOf(Files.readString(booting)));
        assertEquals("serving, it has the host's priority again", "nice 0", niceOf(autogroup(pid)));
        assertEquals(nameOf(Files.readString(booting)), nameOf(autogroup(pid)));
        assertTrue("the plugin serves", plugin.isHealthy(Duration.ofSeconds(10)));
    }

    @Test
    public void aLowPriorityStartYieldsForAThirdOfItsStartTimeoutAtMost() throws Exception {
        Path booting = folder.getRoot().toPath().resolve("booting");
        Path later = folder.getRoot().toPath().resolve("later");
        // the start timeout is 9 s: the priority comes back after 3 s, the second look is after 6 s
        PluginProcess plugin = create(CpuPriority.LOW, Duration.ofSeconds(9), "cat /proc/$$/autogroup > '" + booting
                + "'\nsleep 6\ncat /proc/$$/autogroup > '" + later + "'\nexec sleep 60");

        assertThrows(PluginStartException.class, plugin::start);

        assertEquals("nice 10", niceOf(Files.readString(booting)));
        assertEquals("past a third of its start timeout it boots on at normal priority", "nice 0",
                niceOf(Files.readString(later)));
    }

    @Test
    public void aBackgroundStartStaysLoweredPastItsHandshakeUntilTheHostSwitchesToIt() throws Exception {
        Path booting = folder.getRoot().toPath().resolve("booting");
        // a long start timeout, so that the bound (a third of it) does not end the lowering during this test
        PluginProcess plugin = startedRecordingItsBoot(CpuPriority.BACKGROUND, booting, Duration.ofSeconds(120));
        long pid = plugin.pid().orElseThrow();

        assertEquals("nice 10", niceOf(Files.readString(booting)));
        assertTrue("the plugin serves", plugin.isHealthy(Duration.ofSeconds(10)));
        assertEquals("started and answering, it still yields until the host switches to it", "nice 10",
                niceOf(autogroup(pid)));

        plugin.runAtNormalPriority();

        assertEquals("nice 0", niceOf(autogroup(pid)));
        assertEquals(nameOf(Files.readString(booting)), nameOf(autogroup(pid)));
        assertFalse("restored by the host, its deadline task is dropped",
                ((GoPluginProcess) plugin).awaitsPriorityDeadline());
    }

    @Test
    public void aBackgroundStartNobodySwitchesToGetsItsPriorityBackAfterAThirdOfItsStartTimeout() throws Exception {
        Path booting = folder.getRoot().toPath().resolve("booting");
        PluginProcess plugin = startedRecordingItsBoot(CpuPriority.BACKGROUND, booting, Duration.ofSeconds(15));
        long pid = plugin.pid().orElseThrow();

        assertEquals("nice 10", niceOf(Files.readString(booting)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!niceOf(autogroup(pid)).equals("nice 0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("5 s after its spawn it runs at normal priority", "nice 0", niceOf(autogroup(pid)));
    }

    @Test
    public void aNormalPluginBootsAtTheHostsPriority() throws Exception {
        Path booting = folder.getRoot().toPath().resolve("booting");
        startedRecordingItsBoot(CpuPriority.NORMAL, booting);

        assertEquals("nice 0", niceOf(Files.readString(booting)));
    }

    /** The test plugin, started through a script that writes the autogroup it boots in to {@code booting}. */
    private PluginProcess startedRecordingItsBoot(CpuPriority priority, Path booting) throws Exception {
        return startedRecordingItsBoot(priority, booting, TestPlugins.START_TIMEOUT);
    }

    private PluginProcess startedRecordingItsBoot(CpuPriority priority, Path booting, Duration startTimeout)
            throws Exception {
        PluginProcess plugin = create(priority, startTimeout, "cat /proc/$$/autogroup > '" + booting
                + "'\nexec '" + TestPlugins.javaEntrypoint(folder, TestPlugin.class.getName()) + "' normal");
        plugin.start();
        return plugin;
    }

    private PluginProcess create(CpuPriority priority, Duration startTimeout, String script) throws IOException {
        Path root = folder.getRoot().toPath();
        Path entrypoint = root.resolve("plugin.sh");
        Files.writeString(entrypoint, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(entrypoint, PosixFilePermissions.fromString("rwx------"));
        PluginProcess process = PluginProcess.create(new LaunchSpec("priority", entrypoint, List.of(), root,
                TestPlugins.HANDSHAKE, Map.of(), startTimeout, root.resolve("run"), priority));
        processes.add(process);
        return process;
    }

    private static String autogroup(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "autogroup"));
    }

    /** "/autogroup-2307 nice 10" -> "/autogroup-2307". */
    private static String nameOf(String autogroup) {
        return autogroup.strip().split(" ")[0];
    }

    /** "/autogroup-2307 nice 10" -> "nice 10". */
    private static String niceOf(String autogroup) {
        String[] parts = autogroup.strip().split(" ");
        return parts[1] + " " + parts[2];
    }
}
