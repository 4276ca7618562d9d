package dev.pnode.bench;

import dev.pnode.bench.JmhGreeting.PathLatency;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Figure 1: {@code HelloWorld.greeting} through the node (contract → gateway → AutoMTLS unix socket → plugin)
 * and through pnode's go-plugin client alone, against a bare plaintext grpc-java client of the same plugin
 * program, with 1 and 4 callers, all in one JMH run.
 */
final class CallOverheadFigure {

    static final List<String> PATHS = List.of("raw", "goplugin", "contract");

    private CallOverheadFigure() {
    }

    static void run(RunMode mode, Report report, Path resultsDir) throws Exception {
        report.note("figure 1: call overhead (JMH SampleTime, one fork per path; log in " + resultsDir + ")");
        Map<String, PathLatency> oneCaller = null;
        for (int callers : new int[] {1, 4}) {
            Map<String, PathLatency> latencies = JmhGreeting.run(mode, "java", PATHS, callers,
                    resultsDir.resolve("jmh-call-overhead-" + callers + "-callers.txt"));
            for (PathLatency latency : latencies.values()) {
                String prefix = "call." + latency.path() + "." + callers + "callers.";
                report.detail(prefix + "p50_us", latency.p50Micros());
                report.detail(prefix + "p99_us", latency.p99Micros());
                report.detail(prefix + "calls_per_s", latency.callsPerSecond());
            }
            PathLatency raw = latencies.get("raw");
            for (String path : List.of("goplugin", "contract")) {
                PathLatency measured = latencies.get(path);
                String prefix = "call." + path + "." + callers + "callers.";
                report.detail(prefix + "ratio_p50", measured.p50Micros() / raw.p50Micros());
                report.detail(prefix + "ratio_p99", measured.p99Micros() / raw.p99Micros());
                report.detail(prefix + "ratio_throughput", measured.callsPerSecond() / raw.callsPerSecond());
            }
            if (callers == 1) {
                oneCaller = latencies;
            }
        }
        report.headline("overhead_ratio_p50", oneCaller.get("contract").p50Micros() / oneCaller.get("raw").p50Micros());
    }
}
