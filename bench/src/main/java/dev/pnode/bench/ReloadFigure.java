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
        Map<String, String> figures = JavaFork.run(ReloadHarness.class, List.of(
                Integer.toString(mode.reloadWarmupSeconds()), Integer.toString(mode.reloadSteadySeconds()),
                Integer.toString(mode.reloads())));
        figures.forEach((name, value) -> report.detail("reload." + name, value));
        report.headline("reload_p99_ratio", Double.parseDouble(figures.get("reload_p99_ratio")));
        report.headline("reload_failed_calls", Double.parseDouble(figures.get("failed_calls")));
    }
}
