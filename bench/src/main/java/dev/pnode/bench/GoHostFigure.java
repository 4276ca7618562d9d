package dev.pnode.bench;

import dev.pnode.bench.GreetingMeasurements.PathLatency;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figure 2: the Go helloworld plugin (go-plugin 1.0.1, AutoMTLS) called from Java through pnode's go-plugin client,
 * against the same plugin called by a minimal Go host built on go-plugin's own client
 * (examples/helloworld-go/host), both with AutoMTLS, in the same run: the Go host runs just before and just
 * after the Java measurement, and the mean of the two is the Go figure.
 */
final class GoHostFigure {

    static final String GO_HOST_PROPERTY = "pnode.bench.goHost";

    private GoHostFigure() {
    }

    static void run(RunMode mode, BenchEnvironment environment, Report report) throws Exception {
        report.note("figure 2: Java (pnode go-plugin client) vs Go (go-plugin client) calling the Go plugin");
        Path goHost = Path.of(System.getProperty(GO_HOST_PROPERTY, ""));
        if (!Files.isExecutable(goHost)) {
            throw new IllegalStateException("the Go host " + goHost + " is missing (set -D" + GO_HOST_PROPERTY
                    + "; bench/run builds it with examples/helloworld-go/build.sh)");
        }
        List<Integer> callerCounts = mode.quick() ? List.of(1) : List.of(1, 4);
        Path goPlugin = environment.pluginZip(BenchEnvironment.PluginKind.GO);
        // the Go host runs before and after the Java measurement; their mean brackets the load drift
        Map<Integer, Map<String, String>> goBefore = new TreeMap<>();
        for (int callers : callerCounts) {
            goBefore.put(callers, runGoHost(goHost, goPlugin, mode, callers));
        }
        Map<Integer, Map<String, PathLatency>> javaByCallers = GreetingMeasurements.interleaved(mode, "go",
                List.of("goplugin"), callerCounts);
        double ratioOneCaller = Double.NaN;
        for (int callers : callerCounts) {
            Map<String, String> after = runGoHost(goHost, goPlugin, mode, callers);
            Map<String, String> before = goBefore.get(callers);
            PathLatency java = javaByCallers.get(callers).get("goplugin");
            double goP50 = mean(before, after, "p50_us");
            double goP99 = mean(before, after, "p99_us");
            String prefix = "gohost." + callers + "callers.";
            report.detail(prefix + "java_p50_us", java.p50Micros());
            report.detail(prefix + "java_p99_us", java.p99Micros());
            report.detail(prefix + "java_calls_per_s", java.callsPerSecond());
            report.detail(prefix + "go_p50_us", goP50);
            report.detail(prefix + "go_p99_us", goP99);
            report.detail(prefix + "go_calls_per_s", mean(before, after, "calls_per_s"));
            report.detail(prefix + "go_startup_ms", mean(before, after, "startup_ms"));
            report.detail(prefix + "ratio_p50", java.p50Micros() / goP50);
            report.detail(prefix + "ratio_p99", java.p99Micros() / goP99);
            report.detail(prefix + "ratio_throughput", java.callsPerSecond() / mean(before, after, "calls_per_s"));
            if (callers == 1) {
                ratioOneCaller = java.p50Micros() / goP50;
            }
        }
        report.headline("vs_go_host_ratio_p50", ratioOneCaller);
    }

    private static double mean(Map<String, String> before, Map<String, String> after, String name) {
        return (Double.parseDouble(before.get(name)) + Double.parseDouble(after.get(name))) / 2;
    }

    private static Map<String, String> runGoHost(Path goHost, Path goPluginZip, RunMode mode, int callers)
            throws IOException, InterruptedException {
        Path scratch = BenchEnvironment.scratchDirectory("gohost");
        try {
            PluginZip plugin = PluginZip.extract(goPluginZip, scratch.resolve("plugin"));
            ProcessBuilder builder = new ProcessBuilder(goHost.toString(), "-plugin", plugin.entrypoint().toString(),
                    "-n", Integer.toString(mode.goHostCalls()), "-warmup", Integer.toString(mode.goHostWarmup()),
                    "-callers", Integer.toString(callers), "-mtls=true")
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("TMPDIR", scratch.toString());
            Process process = builder.start();
            Map<String, String> values = new HashMap<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        values.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
            }
            if (process.waitFor() != 0 || !values.containsKey("p50_us")) {
                throw new IOException("the Go host failed (exit " + process.exitValue() + "): " + values);
            }
            return values;
        } finally {
            Scratch.deleteQuietly(scratch);
        }
    }
}
