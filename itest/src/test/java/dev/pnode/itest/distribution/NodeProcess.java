package dev.pnode.itest.distribution;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The real distribution's {@code bin/pnode} running as a child process, with its output collected. */
final class NodeProcess implements AutoCloseable {

    static final Path DISTRIBUTION = Path.of(System.getProperty("pnode.distribution", "../launcher/target/pnode"))
            .toAbsolutePath().normalize();

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread outputReader;

    private NodeProcess(Process process) {
        this.process = process;
        outputReader = new Thread(this::collectOutput, "pnode-output");
        outputReader.setDaemon(true);
        outputReader.start();
    }

    static NodeProcess start(String... arguments) throws IOException {
        return start(Map.of(), null, arguments);
    }

    /**
     * @param environment variables to set, e.g. {@code HOME} (the default data directory is {@code $HOME/.pnode})
     * @param workingDir the current directory of the process, null for this one's
     */
    static NodeProcess start(Map<String, String> environment, Path workingDir, String... arguments)
            throws IOException {
        Path script = DISTRIBUTION.resolve("bin/pnode");
        assertTrue("distribution not built: " + script + " is missing (run mvn install first)",
                Files.isExecutable(script));
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        return new NodeProcess(builder.start());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            fail("node did not exit within " + timeoutSeconds + " s:\n" + output());
        }
        outputReader.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    /** Runs {@code bin/pnode ARGS} to completion and returns its output; fails the test on a non-zero exit. */
    static String run(String... arguments) throws Exception {
        Finished finished = finish(arguments);
        if (finished.exitCode() != 0) {
            fail("bin/pnode " + String.join(" ", arguments) + " exited " + finished.exitCode() + ":\n"
                    + finished.output());
        }
        return finished.output();
    }

    /** How a command ended: its exit code and its output (stdout and stderr together). */
    record Finished(int exitCode, String output) {
    }

    /** Runs {@code bin/pnode ARGS} to completion, whatever its exit code. */
    static Finished finish(String... arguments) throws Exception {
        try (NodeProcess command = start(arguments)) {
            if (!command.process.waitFor(60, TimeUnit.SECONDS)) {
                fail("bin/pnode " + String.join(" ", arguments) + " did not finish:\n" + command.output());
            }
            command.outputReader.join(TimeUnit.SECONDS.toMillis(5));
            return new Finished(command.process.exitValue(), command.output());
        }
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        } catch (IOException ignored) {
            // the process is gone; what was read stays in output
        }
    }

    /** Waits until a line contains the text; fails with the whole output otherwise. */
    void awaitLine(String text, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        fail("node never logged '" + text + "' (alive: " + process.isAlive() + "):\n" + output());
    }

    String output() {
        return output.stream().collect(Collectors.joining("\n"));
    }

    /**
     * Whether every one of {@code processes} has ended within {@code patienceMillis}. A process killed when its parent
     * died is a zombie until init reaps it, and {@link ProcessHandle#isAlive} counts a zombie as alive: a check right
     * after a kill sees it for a moment.
     */
    static boolean awaitEnded(List<ProcessHandle> processes, long patienceMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + patienceMillis;
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Sends SIGTERM and returns the exit code. */
    int terminate(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            fail("node did not stop within " + timeoutSeconds + " s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
