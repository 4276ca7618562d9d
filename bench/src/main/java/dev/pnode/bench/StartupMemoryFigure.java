package dev.pnode.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figures 4 and 5, process-level: {@code bin/pnode} started as a user starts it, with the distribution's default
 * plugin settings and, as the baseline, with no plugins; readiness from the launcher's log line, serving from a
 * greeting over IPC; RSS of the node JVM and of its plugin processes after an idle period. The headline is a
 * restart (the default plugin already installed and unpacked in the data directory, its class data sharing archive
 * written during the first run); the first start, which also fetches and verifies the plugin from the distribution's
 * central, is reported beside it.
 */
final class StartupMemoryFigure {

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long GREETING_TIMEOUT_MS = 3_000;
    private static final long FIRST_RUN_SECONDS = 6;

    private StartupMemoryFigure() {
    }

    static void run(RunMode mode, BenchEnvironment environment, Report report) throws Exception {
        report.note("figures 4 and 5: node startup and idle memory (bin/pnode as a process with the distribution's"
                + " default settings, " + mode.nodeStarts() + " fresh data director" + (mode.nodeStarts() == 1 ? "y"
                : "ies") + ": first start, then a restart)");
        List<Double> firstStart = new ArrayList<>();
        List<Double> restart = new ArrayList<>();
        List<Double> greeting = new ArrayList<>();
        List<Double> launcherReported = new ArrayList<>();
        List<Double> withoutPlugins = new ArrayList<>();
        List<Double> withoutPluginsRestart = new ArrayList<>();
        List<Double> withGoPlugin = new ArrayList<>();
        List<Double> goRestart = new ArrayList<>();
        List<Double> goGreeting = new ArrayList<>();
        List<NodeProcess.StartCpu> restartCpu = new ArrayList<>();
        List<NodeProcess.StartCpu> goRestartCpu = new ArrayList<>();
        List<NodeProcess.StartCpu> withoutPluginsRestartCpu = new ArrayList<>();
        double goPluginRss = Double.NaN;
        double nodeRss = Double.NaN;
        double pluginRss = Double.NaN;
        double sentinelRss = Double.NaN;
        long sentinels = 0;
        double nodeRssWithoutPlugins = Double.NaN;
        long plugins = 0;
        for (int i = 0; i < mode.nodeStarts(); i++) {
            boolean lastStart = i == mode.nodeStarts() - 1;
            Path scratch = BenchEnvironment.scratchDirectory("start");
            try {
                Path dataDir = scratch.resolve("data");
                // the first start in a fresh data directory also installs the default plugin (central, verify)
                try (NodeProcess node = NodeProcess.start(environment, dataDir, null)) {
                    firstStart.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    // a node runs for a while before it is restarted: long enough for the Java plugin to write its
                    // class data sharing archive (3 s after its first answered call), which a restart then maps
                    node.millisUntilGreeting(GREETING_TIMEOUT_MS);
                    TimeUnit.SECONDS.sleep(FIRST_RUN_SECONDS);
                }
                try (NodeProcess node = NodeProcess.start(environment, dataDir, null)) {
                    restart.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    launcherReported.add((double) node.launcherReportedMillis());
                    greeting.add(node.millisUntilGreeting(GREETING_TIMEOUT_MS));
                    restartCpu.add(node.cpuSoFar());
                    if (lastStart) {
                        TimeUnit.SECONDS.sleep(mode.idleSeconds());
                        nodeRss = node.nodeRssMib();
                        pluginRss = node.pluginsRssMib();
                        plugins = node.pluginCount();
                        sentinelRss = node.sentinelsRssMib();
                        sentinels = node.sentinelCount();
                    }
                }
                Path noPlugins = PluginSettingsFile.none(scratch);
                try (NodeProcess node = NodeProcess.start(environment, scratch.resolve("data-none"), noPlugins)) {
                    withoutPlugins.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    if (lastStart) {
                        TimeUnit.SECONDS.sleep(mode.idleSeconds());
                        nodeRssWithoutPlugins = node.nodeRssMib();
                    }
                }
                // the first start above fills a fresh bundle cache; the restarts with plugins compare with this one
                try (NodeProcess node = NodeProcess.start(environment, scratch.resolve("data-none"), noPlugins)) {
                    withoutPluginsRestart.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    withoutPluginsRestartCpu.add(node.cpuSoFar());
                }
                // the same node with the Go example plugin instead: how much of the start is the plugin's own;
                // its first start (which extracts the plugin), then the restart the goal is about
                Path goSettings = PluginSettingsFile.helloworld(environment, BenchEnvironment.PluginKind.GO, scratch);
                try (NodeProcess node = NodeProcess.start(environment, scratch.resolve("data-go"), goSettings)) {
                    withGoPlugin.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    if (lastStart) {
                        TimeUnit.SECONDS.sleep(mode.idleSeconds());
                        goPluginRss = node.pluginsRssMib();
                    }
                }
                try (NodeProcess node = NodeProcess.start(environment, scratch.resolve("data-go"), goSettings)) {
                    goRestart.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    goGreeting.add(node.millisUntilGreeting(GREETING_TIMEOUT_MS));
                    goRestartCpu.add(node.cpuSoFar());
                }
            } finally {
                Scratch.deleteQuietly(scratch);
            }
        }
        double greetingMedian = median(greeting);
        report.detail("startup.default_plugin_ready_ms", median(restart));
        report.detail("startup.default_plugin_launcher_reported_ms", median(launcherReported));
        report.detail("startup.default_plugin_greeting_over_ipc_ms", greetingMedian < 0 ? "unavailable (no IPC answer)"
                : Report.format(greetingMedian));
        report.detail("startup.first_start_with_plugin_install_ms", median(firstStart));
        report.detail("startup.no_plugins_ready_ms", median(withoutPlugins));
        report.detail("startup.no_plugins_restart_ready_ms", median(withoutPluginsRestart));
        report.detail("startup.ratio_default_plugin_vs_no_plugins", median(restart) / median(withoutPlugins));
        report.detail("startup.go_plugin_instead_ready_ms", median(withGoPlugin));
        report.detail("startup.go_plugin_instead_restart_ready_ms", median(goRestart));
        double goGreetingMedian = median(goGreeting);
        report.detail("startup.go_plugin_instead_restart_greeting_over_ipc_ms", goGreetingMedian < 0
                ? "unavailable (no IPC answer)" : Report.format(goGreetingMedian));
        reportCpu(report, "startup.default_plugin_restart", restartCpu);
        reportCpu(report, "startup.go_plugin_instead_restart", goRestartCpu);
        reportCpu(report, "startup.no_plugins_restart", withoutPluginsRestartCpu);
        report.headline("startup_default_plugin_ms", median(restart));

        report.detail("memory.idle_seconds", mode.idleSeconds());
        report.detail("memory.node_rss_mb", nodeRss);
        report.detail("memory.plugin_processes", plugins);
        report.detail("memory.plugins_rss_mb", pluginRss);
        report.detail("memory.plugin_sentinels", sentinels);
        report.detail("memory.plugin_sentinels_rss_mb", sentinelRss);
        report.detail("memory.total_rss_mb", nodeRss + pluginRss + sentinelRss);
        report.detail("memory.node_rss_no_plugins_mb", nodeRssWithoutPlugins);
        // each plugin costs the node's growth, its own process and its sentinel shell
        double perPlugin = plugins == 0 ? Double.NaN
                : (nodeRss - nodeRssWithoutPlugins + pluginRss + sentinelRss) / plugins;
        report.detail("memory.per_plugin_mb", perPlugin);
        report.detail("memory.java_plugin_process_rss_mb", plugins == 0 ? Double.NaN : pluginRss / plugins);
        report.detail("memory.go_plugin_instead_rss_mb", goPluginRss);
        report.headline("idle_rss_node_mb", nodeRss);
    }

    /**
     * Medians of the CPU each restart had used by its greeting (no plugins: by its readiness), beside its wall clock:
     * on 2 cores, a start whose node and plugin CPU come near its wall time is bound by CPU, not by waiting
     * (BENCHMARKS.md, "Node startup, session 14": the node's JIT compilers are about half of its CPU there).
     */
    private static void reportCpu(Report report, String prefix, List<NodeProcess.StartCpu> samples) {
        report.detail(prefix + "_node_cpu_ms", median(samples.stream().map(NodeProcess.StartCpu::nodeMillis).toList()));
        report.detail(prefix + "_node_jit_cpu_ms",
                median(samples.stream().map(NodeProcess.StartCpu::nodeCompilerMillis).toList()));
        report.detail(prefix + "_plugin_cpu_ms",
                median(samples.stream().map(NodeProcess.StartCpu::pluginsMillis).toList()));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
