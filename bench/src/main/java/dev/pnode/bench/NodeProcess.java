package dev.pnode.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/pnode} started as a user starts it, in a private data directory, with its console output watched for
 * the launcher's readiness line ({@code pnode started in N ms}, logged once every service reports ready, which for
 * the plugin host means every configured plugin runs and its contract service is registered).
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("pnode started in (\\d+) ms");
    /** The $0 pnode-goplugin's ProcessTether gives each plugin's sentinel shell. */
    private static final String SENTINEL_NAME = "pnode-plugin-sentinel";

    private final Process process;
    private final long spawnedNanos;
    private final Path dataDir;
    private final CompletableFuture<Long> readyNanos = new CompletableFuture<>();
    private volatile long launcherReportedMillis = -1;
    private final List<String> lastLines = new ArrayList<>();

    private NodeProcess(Process process, long spawnedNanos, Path dataDir) {
        this.process = process;
        this.spawnedNanos = spawnedNanos;
        this.dataDir = dataDir;
    }

    /**
     * Starts bin/pnode with its default JAVA_OPTS, as a user does.
     *
     * @param pluginSettings {@code null} for the distribution's default etc/plugins.json
     */
    static NodeProcess start(BenchEnvironment environment, Path dataDir, Path pluginSettings) throws IOException {
        List<String> command = new ArrayList<>(List.of(environment.launcherScript().toString(),
                "--datadir", dataDir.toString()));
        if (pluginSettings != null) {
            command.add("--plugins");
            command.add(pluginSettings.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("JAVA_OPTS");
        long spawned = System.nanoTime();
        NodeProcess node = new NodeProcess(builder.start(), spawned, dataDir);
        node.watchOutput();
        return node;
    }

    private void watchOutput() {
        Thread thread = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher started = STARTED.matcher(line);
                    if (started.find() && !readyNanos.isDone()) {
                        launcherReportedMillis = Long.parseLong(started.group(1));
                        readyNanos.complete(System.nanoTime());
                    }
                    synchronized (lastLines) {
                        lastLines.add(line);
                        if (lastLines.size() > 30) {
                            lastLines.remove(0);
                        }
                    }
                }
            } catch (IOException e) {
                // the node is gone
            }
            readyNanos.completeExceptionally(new IOException("the node exited before it was ready; its last output:\n"
                    + String.join("\n", lastOutput())));
        }, "node-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** Milliseconds from spawning bin/pnode to its readiness line. */
    double millisUntilReady(long timeoutSeconds) throws Exception {
        return (readyNanos.get(timeoutSeconds, TimeUnit.SECONDS) - spawnedNanos) / 1e6;
    }

    /** The launcher's own figure: JVM start to ready, from its log line. */
    long launcherReportedMillis() {
        return launcherReportedMillis;
    }

    /**
     * Milliseconds from spawning bin/pnode until {@code plugin@helloworld_greeting} answers over IPC, polling every
     * few milliseconds; negative when the node serves no IPC within the timeout (no JSON-RPC bundle).
     */
    double millisUntilGreeting(long timeoutMillis) throws InterruptedException {
        IpcProbe probe = new IpcProbe(dataDir.resolve("pnode.ipc"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (probe.call("plugin@helloworld_greeting", "[\"world\"]").filter(r -> r.contains("Hello world!"))
                    .isPresent()) {
                return (System.nanoTime() - spawnedNanos) / 1e6;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    long pid() {
        return process.pid();
    }

    /**
     * CPU time used so far (user + system, 10 ms ticks): the node JVM's, of which its JIT compiler threads', and its
     * plugin processes' (the sentinel shells left out). Read right after the greeting, it says whether a start waits
     * (CPU well below what the two cores gave in the time) or is bound by CPU, and by whose.
     */
    StartCpu cpuSoFar() {
        double plugins = 0;
        for (ProcessHandle child : pluginProcesses()) {
            plugins += ProcessCpu.millis(child.pid());
        }
        return new StartCpu(ProcessCpu.millis(process.pid()), CompilerCpu.ofProcess(process.pid()), plugins);
    }

    /** @see #cpuSoFar() */
    record StartCpu(double nodeMillis, double nodeCompilerMillis, double pluginsMillis) {
    }

    /** Resident set size of the node JVM, in MiB. */
    double nodeRssMib() throws IOException {
        return ProcessMemory.rssMib(process.pid());
    }

    /**
     * Resident set size of the node's plugin processes, in MiB: every descendant but the sentinels that tie each
     * plugin's process group to the node (one small {@code sh} per plugin, see pnode-goplugin's ProcessTether).
     */
    double pluginsRssMib() throws IOException {
        return rssMib(pluginProcesses());
    }

    /** Resident set size of the plugins' sentinel shells, in MiB. */
    double sentinelsRssMib() throws IOException {
        return rssMib(sentinels());
    }

    long pluginCount() {
        return pluginProcesses().size();
    }

    long sentinelCount() {
        return sentinels().size();
    }

    private List<ProcessHandle> pluginProcesses() {
        return process.descendants().filter(child -> !isSentinel(child)).toList();
    }

    private List<ProcessHandle> sentinels() {
        return process.descendants().filter(NodeProcess::isSentinel).toList();
    }

    /** The sentinel is {@code sh -c <script> pnode-plugin-sentinel <pid>}; its $0 names it. */
    private static boolean isSentinel(ProcessHandle child) {
        return child.info().arguments().map(arguments -> List.of(arguments).contains(SENTINEL_NAME)).orElse(false);
    }

    private static double rssMib(List<ProcessHandle> processes) throws IOException {
        double total = 0;
        for (ProcessHandle child : processes) {
            total += ProcessMemory.rssMib(child.pid());
        }
        return total;
    }

    List<String> lastOutput() {
        synchronized (lastLines) {
            return List.copyOf(lastLines);
        }
    }

    /** SIGTERM (the node stops its plugins), then force, also any plugin left behind. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
