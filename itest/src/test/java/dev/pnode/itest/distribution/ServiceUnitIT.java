package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The distribution's systemd unit ({@code etc/systemd/pnode.service}). No systemd runs here, so: systemd's own
 * checker ({@code systemd-analyze verify}) accepts it, and its ExecStart, run as written, starts a node that the
 * unit's stop (SIGTERM to the node alone, KillMode=mixed) ends with exit 0 and no plugin left, while a node that
 * cannot start exits non-zero, which {@code Restart=on-failure} restarts.
 */
public class ServiceUnitIT {

    private static final Path UNIT = NodeProcess.DISTRIBUTION.resolve("etc/systemd/pnode.service");

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void systemdAcceptsTheUnit() throws Exception {
        Path unit = unitFor(temp.getRoot().toPath().resolve("data"));
        Process verify;
        try {
            verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("systemd-analyze is needed to check the unit: apt-get install systemd", e);
        }
        String findings = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(findings, 0, verify.exitValue());
        assertEquals("systemd-analyze verify finds nothing to say", "", findings.strip());
    }

    @Test
    public void theUnitSaysSigtermToTheNodeFirstRestartOnFailureAndAPrivateStateDirectory() throws Exception {
        List<String> unit = Files.readAllLines(UNIT);

        assertTrue(unit.contains("KillSignal=SIGTERM"));
        assertTrue(unit.contains("KillMode=mixed"));
        assertTrue(unit.contains("Restart=on-failure"));
        assertTrue("the data directory is systemd's private state directory", unit.contains("StateDirectory=pnode")
                && unit.contains("StateDirectoryMode=0700"));
    }

    @Test
    public void itsExecStartRunsANodeThatSigtermStopsWithExitZeroAndNoPluginLeft() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        try (NodeProcess node = NodeProcess.start(execStartArguments(dataDir))) {
            node.awaitLine("pnode started in", 120);
            List<ProcessHandle> plugins = node.handle().descendants().collect(Collectors.toList());
            assertFalse("the default node runs its helloworld plugin as a child process", plugins.isEmpty());

            assertEquals("exit code after SIGTERM\n" + node.output(), 0, node.terminate(45));
            assertTrue("plugin processes outlived the node: " + plugins,
                    plugins.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    public void aNodeThatCannotStartExitsNonZeroSoThatSystemdRestartsIt() throws Exception {
        Path notADirectory = Files.writeString(temp.getRoot().toPath().resolve("data"), "in the way");

        NodeProcess.Finished failed = NodeProcess.finish(execStartArguments(notADirectory));

        assertNotEquals(failed.output(), 0, failed.exitCode());
        assertTrue(failed.output(), failed.output().contains("not a directory"));
    }

    /** The unit with the distribution's real place for /opt/pnode and a test folder for /var/lib/pnode. */
    private Path unitFor(Path dataDir) throws IOException {
        String text = Files.readString(UNIT).replace("/opt/pnode", NodeProcess.DISTRIBUTION.toString())
                .replace("/var/lib/pnode", dataDir.toString());
        return Files.writeString(temp.getRoot().toPath().resolve("pnode.service"), text);
    }

    /** ExecStart's arguments after bin/pnode, as the unit writes them, with the data directory moved. */
    private String[] execStartArguments(Path dataDir) throws IOException {
        String execStart = Files.readAllLines(unitFor(dataDir)).stream().filter(line -> line.startsWith("ExecStart="))
                .findFirst().orElseThrow().substring("ExecStart=".length());
        List<String> words = Arrays.asList(execStart.trim().split("\\s+"));
        assertEquals("ExecStart runs the distribution's bin/pnode", NodeProcess.DISTRIBUTION.resolve("bin/pnode")
                .toString(), words.get(0));
        return words.subList(1, words.size()).toArray(String[]::new);
    }
}
