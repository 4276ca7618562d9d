package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code pnode attach} against the real distribution running as a daemon (no console of its own): one command
 * with {@code --exec}, and an interactive session on a real terminal (tmux) with completion, history, Ctrl-C and
 * {@code exit}, while another session runs beside it; and beside the node's own console (a node on a terminal).
 */
public class AttachIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void execPrintsTheCommandsOutputAndExitsNonZeroWhenItFails() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive")) {
            node.awaitLine("pnode started in", 120);
            assertEquals("the console socket is private to the node's user", "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("pnode.console"))));

            NodeProcess.Finished list = attachExec(dataDir, "plugin:list");
            assertEquals(list.output(), 0, list.exitCode());
            assertTrue(list.output(), list.output().contains("INTERFACE") && list.output().contains("helloworld"));

            NodeProcess.Finished set = attachExec(dataDir, "log:set DEBUG dev.pnode.console");
            assertEquals(set.output(), 0, set.exitCode());
            assertTrue(set.output(), set.output().contains("dev.pnode.console: DEBUG"));
            // the level took effect: the node now writes the console bundle's debug messages about each session
            NodeProcess.Finished tail = attachExec(dataDir, "log:tail --no-follow -n 200");
            assertEquals(tail.output(), 0, tail.exitCode());
            assertTrue(tail.output(), tail.output().contains("DEBUG [dev.pnode.console.internal.AttachSession]"
                    + " pnode-attach-3: runs 'log:tail --no-follow -n 200'"));

            NodeProcess.Finished unknownLevel = attachExec(dataDir, "log:set LOUD");
            assertEquals(unknownLevel.output(), 1, unknownLevel.exitCode());
            assertTrue(unknownLevel.output(), unknownLevel.output().contains("unknown log level 'LOUD'"));
            NodeProcess.Finished unknownCommand = attachExec(dataDir, "nosuch:command");
            assertEquals(unknownCommand.output(), 1, unknownCommand.exitCode());
            assertTrue(unknownCommand.output(), unknownCommand.output().contains("nosuch:command"));

            assertEquals(0, node.terminate(30));
        }
        NodeProcess.Finished noNode = attachExec(dataDir, "plugin:list");
        assertEquals(noNode.output(), 1, noNode.exitCode());
        assertTrue(noNode.output(), noNode.output().contains("cannot connect to " + dataDir.resolve("pnode.console")));
    }

    @Test
    public void anInteractiveSessionOnARealTerminalEditsCompletesInterruptsAndLeavesTheNodeRunning()
            throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        Path noPlugins = Files.writeString(temp.getRoot().toPath().resolve("plugins.json"), "{\"providers\":{}}");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", noPlugins.toString())) {
            node.awaitLine("pnode started in", 120);
            try (Tmux tmux = Tmux.start(temp.getRoot().toPath(), NodeProcess.DISTRIBUTION.resolve("bin/pnode")
                    + " attach --datadir " + dataDir + "; echo ATTACH-EXIT=$?; sleep 600")) {
                converse(tmux, dataDir);
            }
            assertTrue("the node runs on after exit", node.handle().isAlive());
            NodeProcess.Finished again = attachExec(dataDir, "echo still-serving");
            assertTrue(again.output(), again.output().contains("still-serving"));
            assertEquals(0, node.terminate(30));
        }
    }

    @Test
    public void attachWorksBesideTheNodesOwnConsole() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        Path noPlugins = Files.writeString(temp.getRoot().toPath().resolve("plugins.json"), "{\"providers\":{}}");
        // on a terminal (tmux), bin/pnode opens its own Gogo console
        try (Tmux node = Tmux.start(temp.getRoot().toPath(), NodeProcess.DISTRIBUTION.resolve("bin/pnode")
                + " --datadir " + dataDir + " --plugins " + noPlugins + "; echo NODE-EXIT=$?; sleep 600")) {
            node.awaitScreen("pnode started in");
            node.sendKeys("Enter");
            node.awaitScreen("g! ");

            NodeProcess.Finished beside = attachExec(dataDir, "echo beside-the-console");
            assertEquals(beside.output(), 0, beside.exitCode());
            assertTrue(beside.output(), beside.output().contains("beside-the-console"));

            node.sendKeys("echo console-still-works", "Enter");
            node.awaitScreen("\nconsole-still-works");
            node.sendKeys("stop 0", "Enter");
            node.awaitScreen("NODE-EXIT=0");
        }
    }

    private static void converse(Tmux tmux, Path dataDir) throws Exception {
        tmux.awaitScreen("pnode> ");

        tmux.sendKeys("plugin:li", "Tab");
        tmux.awaitScreen("pnode> plugin:list");
        tmux.sendKeys("Enter");
        tmux.awaitScreen("RESTART-LIMIT");

        tmux.sendKeys("log:tail", "Enter");
        tmux.awaitScreen("pnode started in");
        tmux.sendKeys("C-c");
        tmux.sendKeys("echo after-interrupt", "Enter");
        tmux.awaitScreen("\nafter-interrupt");

        NodeProcess.Finished beside = attachExec(dataDir, "echo second-session");
        assertEquals(beside.output(), 0, beside.exitCode());
        assertTrue(beside.output(), beside.output().contains("second-session"));

        tmux.sendKeys("Up", "Enter");
        tmux.awaitScreenCount("\nafter-interrupt", 2);

        tmux.sendKeys("exit", "Enter");
        tmux.awaitScreen("ATTACH-EXIT=0");
    }

    private static NodeProcess.Finished attachExec(Path dataDir, String command) throws Exception {
        return NodeProcess.finish("attach", "--datadir", dataDir.toString(), "--exec", command);
    }

    /** A detached tmux server of its own (its socket in the test's folder) running one command in a 120x30 pane. */
    private static final class Tmux implements AutoCloseable {

        private final Path socket;
        private final String session = "attach";

        private Tmux(Path socket) {
            this.socket = socket;
        }

        static Tmux start(Path folder, String command) throws Exception {
            Tmux tmux = new Tmux(folder.resolve("tmux-" + UUID.randomUUID().toString().substring(0, 8)));
            tmux.run("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "30", command);
            return tmux;
        }

        void sendKeys(String... keys) throws Exception {
            List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", session));
            arguments.addAll(Arrays.asList(keys));
            run(arguments.toArray(String[]::new));
        }

        void awaitScreen(String text) throws Exception {
            awaitScreenCount(text, 1);
        }

        /** Waits until the pane (and its scrollback) shows the text at least {@code count} times. */
        void awaitScreenCount(String text, int count) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String screen = "";
            while (System.nanoTime() < deadline) {
                screen = run("capture-pane", "-p", "-J", "-S", "-", "-t", session);
                if (occurrences(screen, text) >= count) {
                    return;
                }
                Thread.sleep(100);
            }
            fail("the terminal never showed '" + text + "' " + count + " time(s):\n" + screen);
        }

        private static int occurrences(String screen, String text) {
            int found = 0;
            for (int at = screen.indexOf(text); at >= 0; at = screen.indexOf(text, at + text.length())) {
                found++;
            }
            return found;
        }

        private String run(String... arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
            command.addAll(Arrays.asList(arguments));
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("tmux is needed to drive a real terminal: apt-get install tmux", e);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed: " + output);
            }
            return output;
        }

        @Override
        public void close() throws Exception {
            new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
