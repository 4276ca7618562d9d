package dev.pnode.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every figure (or those named with {@code --only 1,3}) and prints each figure's headline as one
 * {@code name=value} line on stdout; all figures go to a results file in {@code --results DIR}.
 *
 * <p>Usage: Main [--quick] [--only N,N...] [--results DIR]; needs the {@code pnode.bench.*} system properties
 * that bench/run sets.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] arguments) throws Exception {
        boolean quick = false;
        Set<Integer> figures = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7));
        Path resultsDir = Path.of("target", "results");
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    figures.clear();
                    for (String figure : arguments[++i].split(",")) {
                        figures.add(Integer.parseInt(figure.trim()));
                    }
                }
                case "--results" -> resultsDir = Path.of(arguments[++i]);
                default -> {
                    System.err.println("unknown argument " + arguments[i]
                            + "; usage: Main [--quick] [--only N,N...] [--results DIR]");
                    System.exit(2);
                }
            }
        }
        RunMode mode = quick ? RunMode.quickRun() : RunMode.fullRun();
        BenchEnvironment environment = BenchEnvironment.fromSystemProperties();
        Files.createDirectories(resultsDir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Report report = new Report(System.out, resultsDir.resolve("run-" + stamp + (quick ? "-quick" : "") + ".txt"));
        report.note("pnode benchmarks " + (quick ? "--quick" : "full") + " run at " + Instant.now() + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version"));
        boolean failed = false;
        for (int figure : figures) {
            try {
                switch (figure) {
                    case 1 -> CallOverheadFigure.run(mode, report, resultsDir);
                    case 2 -> GoHostFigure.run(mode, report);
                    case 3 -> ReloadFigure.run(mode, report);
                    case 4, 5 -> {
                        if (figure == 4 || !figures.contains(4)) {
                            StartupMemoryFigure.run(mode, environment, report);
                        }
                    }
                    case 6 -> DownloadFigure.run(mode, report);
                    case 7 -> RpcFigure.run(mode, report);
                    default -> throw new IllegalArgumentException("no figure " + figure + " (1-7)");
                }
            } catch (Exception e) {
                failed = true;
                report.note("figure " + figure + " FAILED: " + e);
                e.printStackTrace();
            }
        }
        report.note("all figures: " + report.resultsFile().toAbsolutePath());
        System.exit(failed ? 1 : 0);
    }

}
