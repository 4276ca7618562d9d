package dev.pnode.bench;

import java.util.List;
import java.util.Map;

/** Figure 3: runs {@link ReloadHarness} in a fresh JVM with the node's JVM options and reports its figures. */
final class ReloadFigure {

    private ReloadFigure() {
    }

    static void run(RunMode mode, Report report) throws Exception {
        report.note("figure 3: reload under load (" + ReloadHarness.CALLERS + " callers on the contract service, "
                + mode.reloads() + " reloads, steady baseline " + mode.reloadSteadySeconds() + " s, same JVM)");
        Map<String, String> figures = measure(mode, BenchEnvironment.PluginKind.JAVA);
        figures.forEach((name, value) -> report.detail("reload." + name, value));
        report.headline("reload_p99_ratio", Double.parseDouble(figures.get("reload_p99_ratio")));
        report.headline("reload_failed_calls", Double.parseDouble(figures.get("failed_calls")));
        if (!mode.quick()) {
            // the same host reloading a plugin that starts in ~0.1 s: separates the host's cost from the JVM's start
            measure(mode, BenchEnvironment.PluginKind.GO)
                    .forEach((name, value) -> report.detail("reload.go_plugin." + name, value));
        }
    }

    private static Map<String, String> measure(RunMode mode, BenchEnvironment.PluginKind plugin) throws Exception {
        return JavaFork.run(ReloadHarness.class, List.of(Integer.toString(mode.reloadWarmupSeconds()),
                Integer.toString(mode.reloadSteadySeconds()), Integer.toString(mode.reloads()), plugin.name()));
    }
}
