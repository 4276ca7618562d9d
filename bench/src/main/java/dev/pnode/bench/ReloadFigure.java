package dev.pnode.bench;

import java.util.List;
import java.util.Map;

/** Figure 3: runs {@link ReloadHarness} in a fresh JVM with the node's JVM options and reports its figures. */
final class ReloadFigure {

    /** Each caller pauses 1 ms after each call: about 1,500 calls/s in all instead of ~13,000. */
    static final long PACED_CALLER_PAUSE_MICROS = 1_000;

    private ReloadFigure() {
    }

    static void run(RunMode mode, Report report) throws Exception {
        report.note("figure 3: reload under load (" + ReloadHarness.CALLERS + " callers on the contract service, "
                + mode.reloads() + " reloads, steady baseline " + mode.reloadSteadySeconds() + " s, same JVM)");
        Map<String, String> figures = measure(mode, BenchEnvironment.PluginKind.JAVA, 0);
        figures.forEach((name, value) -> report.detail("reload." + name, value));
        report.headline("reload_p99_ratio", Double.parseDouble(figures.get("reload_p99_ratio")));
        report.headline("reload_failed_calls", Double.parseDouble(figures.get("failed_calls")));
        if (!mode.quick()) {
            // the same host reloading a plugin that starts in ~0.1 s: separates the host's cost from the JVM's start
            measure(mode, BenchEnvironment.PluginKind.GO, 0)
                    .forEach((name, value) -> report.detail("reload.go_plugin." + name, value));
            // callers that leave the CPU partly idle, as a node serving requests does: with back-to-back callers
            // both cores are busy and any work a reload adds takes whole scheduler time slices (~3 ms) from them
            measure(mode, BenchEnvironment.PluginKind.JAVA, PACED_CALLER_PAUSE_MICROS)
                    .forEach((name, value) -> report.detail("reload.paced." + name, value));
        }
    }

    private static Map<String, String> measure(RunMode mode, BenchEnvironment.PluginKind plugin, long pauseMicros)
            throws Exception {
        return JavaFork.run(ReloadHarness.class, List.of(Integer.toString(mode.reloadWarmupSeconds()),
                Integer.toString(mode.reloadSteadySeconds()), Integer.toString(mode.reloads()), plugin.name(),
                Long.toString(pauseMicros)));
    }
}
