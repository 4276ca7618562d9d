package dev.pnode.bench;

import dev.pnode.bench.GreetingMeasurements.PathLatency;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Figure 1: {@code HelloWorld.greeting} through the node (contract → gateway → AutoMTLS unix socket → plugin)
 * and through pnode's go-plugin client alone, against a bare plaintext grpc-java client of the same plugin
 * program, with 1 and 4 callers. Headline from the interleaved harness; JMH per path beside it in full runs.
 */
final class CallOverheadFigure {

    static final List<String> PATHS = List.of("raw", "goplugin", "contract");
    /** Full runs also isolate TLS: the bare client with go-plugin's AutoMTLS done by hand (JDK provider). */
    static final List<String> FULL_RUN_PATHS = List.of("raw", "raw-tls-jdk", "goplugin", "contract");
    static final List<Integer> CALLERS = List.of(1, 4);

    private CallOverheadFigure() {
    }

    static void run(RunMode mode, Report report, Path resultsDir) throws Exception {
        report.note("figure 1: call overhead (interleaved rounds of all paths in one JVM"
                + (mode.jmh() ? "; then JMH SampleTime, one fork per path and caller count, logs in " + resultsDir
                : "") + ")");
        Map<Integer, Map<String, PathLatency>> interleaved = GreetingMeasurements.interleaved(mode, "java",
                mode.quick() ? PATHS : FULL_RUN_PATHS, CALLERS);
        interleaved.forEach((callers, byPath) -> reportPaths(report, "call.", callers, byPath));
        Map<String, PathLatency> oneCaller = interleaved.get(1);
        report.headline("overhead_ratio_p50", oneCaller.get("contract").p50Micros() / oneCaller.get("raw").p50Micros());
        if (mode.jmh()) {
            for (int callers : CALLERS) {
                Path log = resultsDir.resolve("jmh-call-overhead-" + callers + "-callers.txt");
                try {
                    reportPaths(report, "jmh.call.", callers, GreetingMeasurements.jmh(mode, "java", PATHS, callers,
                            log));
                } catch (RunnerException e) {
                    report.note("JMH with " + callers + " caller(s) failed (see " + log + "): " + e.getMessage());
                }
            }
        }
    }

    private static void reportPaths(Report report, String prefix, int callers, Map<String, PathLatency> byPath) {
        for (PathLatency latency : byPath.values()) {
            String name = prefix + latency.path() + "." + callers + "callers.";
            report.detail(name + "p50_us", latency.p50Micros());
            report.detail(name + "p99_us", latency.p99Micros());
            report.detail(name + "calls_per_s", latency.callsPerSecond());
            if (!Double.isNaN(latency.warmupSeconds())) {
                report.detail(name + "warmup_s", latency.warmupSeconds());
            }
        }
        PathLatency raw = byPath.get("raw");
        for (String path : byPath.keySet()) {
            if (path.equals("raw")) {
                continue;
            }
            PathLatency measured = byPath.get(path);
            String name = prefix + path + "." + callers + "callers.";
            report.detail(name + "ratio_p50", measured.p50Micros() / raw.p50Micros());
            report.detail(name + "ratio_p99", measured.p99Micros() / raw.p99Micros());
            report.detail(name + "ratio_throughput", measured.callsPerSecond() / raw.callsPerSecond());
        }
    }
}
