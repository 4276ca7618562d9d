package dev.pnode.bench;

import dev.pnode.bench.JmhGreeting.PathLatency;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: the Go helloworld plugin (go-plugin 1.0.1, AutoMTLS) called from Java through pnode's go-plugin client,
 * against the same plugin called by a minimal Go host built on go-plugin's own client
 * (examples/helloworld-go/host), both with AutoMTLS, in the same run.
 */
final class GoHostFigure {

    static final String GO_HOST_PROPERTY = "pnode.bench.goHost";

    private GoHostFigure() {
    }

    static void run(RunMode mode, BenchEnvironment environment, Report report, Path resultsDir) throws Exception {
        report.note("figure 2: Java (pnode go-plugin client) vs Go (go-plugin client) calling the Go plugin");
        Path goHost = Path.of(System.getProperty(GO_HOST_PROPERTY, ""));
        if (!Files.isExecutable(goHost)) {
            throw new IllegalStateException("the Go host " + goHost + " is missing (set -D" + GO_HOST_PROPERTY
                    + "; bench/run builds it with examples/helloworld-go/build.sh)");
        }
        int[] callerCounts = mode.quick() ? new int[] {1} : new int[] {1, 4};
        double ratioOneCaller = Double.NaN;
        for (int callers : callerCounts) {
            PathLatency java = JmhGreeting.run(mode, "go", List.of("goplugin"), callers,
                    resultsDir.resolve("jmh-go-plugin-" + callers + "-callers.txt")).get("goplugin");
            Map<String, String> go = runGoHost(goHost, environment.pluginZip(BenchEnvironment.PluginKind.GO), mode,
                    callers);
            double goP50 = Double.parseDouble(go.get("p50_us"));
            double goP99 = Double.parseDouble(go.get("p99_us"));
            double goCallsPerSecond = Double.parseDouble(go.get("calls_per_s"));
            String prefix = "gohost." + callers + "callers.";
            report.detail(prefix + "java_p50_us", java.p50Micros());
            report.detail(prefix + "java_p99_us", java.p99Micros());
            report.detail(prefix + "java_calls_per_s", java.callsPerSecond());
            report.detail(prefix + "go_p50_us", goP50);
            report.detail(prefix + "go_p99_us", goP99);
            report.detail(prefix + "go_calls_per_s", goCallsPerSecond);
            report.detail(prefix + "go_startup_ms", go.get("startup_ms"));
            report.detail(prefix + "ratio_p50", java.p50Micros() / goP50);
            report.detail(prefix + "ratio_p99", java.p99Micros() / goP99);
            if (callers == 1) {
                ratioOneCaller = java.p50Micros() / goP50;
            }
        }
        report.headline("vs_go_host_ratio_p50", ratioOneCaller);
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
