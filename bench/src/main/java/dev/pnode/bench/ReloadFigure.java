package dev.pnode.bench;

import java.util.List;
import java.util.Map;

/** Figure 3: runs {@link ReloadHarness} in a fresh JVM with the node's JVM options and reports its figures. */
final class ReloadFigure {

    /** The goal's load: open-loop callers at half the maximum throughput measured in the same run. */
    static final double HALF_OF_MAX = 0.5;
    /** Back-to-back callers throughout: both cores busy, the worst case (the figure's earlier headline). */
    static final double SATURATED = 0;

    private ReloadFigure() {
    }

    static void run(RunMode mode, Report report) throws Exception {
        report.note("figure 3: reload under load (" + ReloadHarness.CALLERS + " open-loop callers on the contract"
                + " service at half the maximum throughput measured first, " + mode.reloads() + " reloads, each after a"
                + " steady window, " + mode.reloadSteadySeconds() + " s of steady windows in all, same JVM)");
        Map<String, String> figures = measure(mode, BenchEnvironment.PluginKind.JAVA, HALF_OF_MAX);
        figures.forEach((name, value) -> report.detail("reload." + name, value));
        report.headline("reload_p99_ratio", Double.parseDouble(figures.get("reload_p99_ratio")));
        report.headline("reload_failed_calls", Double.parseDouble(figures.get("failed_calls")));
        if (!mode.quick()) {
            // the same host reloading a plugin that starts in ~0.1 s: separates the host's cost from the JVM's start
            measure(mode, BenchEnvironment.PluginKind.GO, HALF_OF_MAX)
                    .forEach((name, value) -> report.detail("reload.go_plugin." + name, value));
            // back-to-back callers keep both cores busy: any work a reload adds takes whole scheduler time slices
            // (~3 ms) from them
            measure(mode, BenchEnvironment.PluginKind.JAVA, SATURATED)
                    .forEach((name, value) -> report.detail("reload.saturated." + name, value));
        }
    }

    private static Map<String, String> measure(RunMode mode, BenchEnvironment.PluginKind plugin, double load)
            throws Exception {
        return JavaFork.run(ReloadHarness.class, List.of(Integer.toString(mode.reloadWarmupSeconds()),
                Integer.toString(mode.reloadSteadySeconds()), Integer.toString(mode.reloads()), plugin.name(),
                Double.toString(load)));
    }
}
