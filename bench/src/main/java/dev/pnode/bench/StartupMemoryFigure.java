package dev.pnode.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figures 4 and 5, process-level: {@code bin/pnode} started as a user starts it, with the default plugin and,
 * as the baseline, with no plugins; readiness from the launcher's log line, serving from a greeting over IPC;
 * RSS of the node JVM and of its plugin processes after an idle period.
 */
final class StartupMemoryFigure {

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long GREETING_TIMEOUT_MS = 3_000;

    private StartupMemoryFigure() {
    }

    static void run(RunMode mode, BenchEnvironment environment, Report report) throws Exception {
        report.note("figures 4 and 5: node startup and idle memory (bin/pnode as a process, " + mode.nodeStarts()
                + " start(s) each)");
        boolean distributionDefault = Files.isRegularFile(environment.home().resolve("plugins")
                .resolve(BenchEnvironment.JAVA_PLUGIN_ZIP));
        report.detail("startup.plugin_settings", distributionDefault ? "distribution etc/plugins.json"
                : "helloworld 1.0.0 (Java example; the distribution has no plugins/ yet)");
        List<Double> withPlugin = new ArrayList<>();
        List<Double> greeting = new ArrayList<>();
        List<Double> launcherReported = new ArrayList<>();
        List<Double> withoutPlugins = new ArrayList<>();
        double nodeRss = Double.NaN;
        double pluginRss = Double.NaN;
        double nodeRssWithoutPlugins = Double.NaN;
        long plugins = 0;
        for (int i = 0; i < mode.nodeStarts(); i++) {
            boolean lastStart = i == mode.nodeStarts() - 1;
            Path scratch = BenchEnvironment.scratchDirectory("start");
            try {
                Path settings = distributionDefault ? null
                        : PluginSettingsFile.helloworld(environment, BenchEnvironment.PluginKind.JAVA, scratch);
                try (NodeProcess node = NodeProcess.start(environment, scratch.resolve("data"), settings)) {
                    withPlugin.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    launcherReported.add((double) node.launcherReportedMillis());
                    greeting.add(node.millisUntilGreeting(GREETING_TIMEOUT_MS));
                    if (lastStart) {
                        TimeUnit.SECONDS.sleep(mode.idleSeconds());
                        nodeRss = node.nodeRssMib();
                        pluginRss = node.childrenRssMib();
                        plugins = node.childCount();
                    }
                }
                try (NodeProcess node = NodeProcess.start(environment, scratch.resolve("data-none"),
                        PluginSettingsFile.none(scratch))) {
                    withoutPlugins.add(node.millisUntilReady(READY_TIMEOUT_SECONDS));
                    if (lastStart) {
                        TimeUnit.SECONDS.sleep(mode.idleSeconds());
                        nodeRssWithoutPlugins = node.nodeRssMib();
                    }
                }
            } finally {
                Scratch.deleteQuietly(scratch);
            }
        }
        double greetingMedian = median(greeting);
        report.detail("startup.default_plugin_ready_ms", median(withPlugin));
        report.detail("startup.default_plugin_launcher_reported_ms", median(launcherReported));
        report.detail("startup.default_plugin_greeting_over_ipc_ms", greetingMedian < 0 ? "unavailable (no IPC answer)"
                : Report.format(greetingMedian));
        report.detail("startup.no_plugins_ready_ms", median(withoutPlugins));
        report.detail("startup.ratio_default_plugin_vs_no_plugins", median(withPlugin) / median(withoutPlugins));
        report.headline("startup_default_plugin_ms", median(withPlugin));

        report.detail("memory.idle_seconds", mode.idleSeconds());
        report.detail("memory.node_rss_mb", nodeRss);
        report.detail("memory.plugin_processes", plugins);
        report.detail("memory.plugins_rss_mb", pluginRss);
        report.detail("memory.total_rss_mb", nodeRss + pluginRss);
        report.detail("memory.node_rss_no_plugins_mb", nodeRssWithoutPlugins);
        double perPlugin = plugins == 0 ? Double.NaN : (nodeRss - nodeRssWithoutPlugins + pluginRss) / plugins;
        report.detail("memory.per_plugin_mb", perPlugin);
        report.headline("idle_rss_node_mb", nodeRss);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
