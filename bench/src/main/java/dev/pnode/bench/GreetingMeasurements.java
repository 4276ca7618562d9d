package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Greeting latency per path, measured two ways: {@link GreetingHarness} (all paths in one forked JVM, interleaved
 * rounds: the ratios) and {@link GreetingBenchmark} through JMH's API (one fork per path and caller count: each
 * path in isolation, full runs only).
 */
final class GreetingMeasurements {

    /**
     * Latency of one path with a number of callers.
     *
     * @param warmupSeconds how long the warm-up before the measurement took (NaN where JMH did the warming)
     * @param cost what a call cost the harness JVM (NaN from JMH)
     */
    record PathLatency(String path, int callers, double p50Micros, double p99Micros, double callsPerSecond,
            double warmupSeconds, CallCost cost) {
    }

    /**
     * @param jvmCpuMicros CPU time of the harness JVM per call (callers, clients and the embedded node, if any)
     * @param callerCpuMicros of that, the callers' threads (the client's side)
     * @param voluntarySwitches the JVM's long-lived threads' voluntary context switches per call (hand-offs)
     * @param pluginCpuMicros CPU time of the processes the harness JVM started (the plugin) per call
     * @param childSwitches those processes' voluntary context switches per call (the plugin's; the Go host's)
     * @param callerSwitches the callers' own voluntary context switches per call (each wait for an answer that parked)
     */
    record CallCost(double jvmCpuMicros, double callerCpuMicros, double voluntarySwitches, double pluginCpuMicros,
            double childSwitches, double callerSwitches) {
        static final CallCost UNKNOWN = new CallCost(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
    }

    private GreetingMeasurements() {
    }

    /** @return by caller count, then path */
    static Map<Integer, Map<String, PathLatency>> interleaved(RunMode mode, String plugin, List<String> paths,
            List<Integer> callerCounts) throws Exception {
        Map<String, String> figures = JavaFork.run(GreetingHarness.class, List.of(plugin,
                Integer.toString(mode.warmupSeconds()), Integer.toString(mode.rounds()),
                Integer.toString(mode.roundMillis()),
                String.join(",", callerCounts.stream().map(String::valueOf).toList()), String.join(",", paths)));
        Map<Integer, Map<String, PathLatency>> byCallers = new TreeMap<>();
        for (int callers : callerCounts) {
            for (String path : paths) {
                String prefix = path + "." + callers + ".";
                byCallers.computeIfAbsent(callers, c -> new TreeMap<>()).put(path, new PathLatency(path, callers,
                        Double.parseDouble(figures.get(prefix + "p50_us")),
                        Double.parseDouble(figures.get(prefix + "p99_us")),
                        Double.parseDouble(figures.get(prefix + "calls_per_s")),
                        Double.parseDouble(figures.get("warmup." + callers + ".seconds")),
                        new CallCost(Double.parseDouble(figures.get(prefix + "jvm_cpu_us_per_call")),
                                Double.parseDouble(figures.get(prefix + "caller_cpu_us_per_call")),
                                Double.parseDouble(figures.get(prefix + "voluntary_switches_per_call")),
                                Double.parseDouble(figures.get(prefix + "plugin_cpu_us_per_call")),
                                Double.parseDouble(figures.get(prefix + "child_switches_per_call")),
                                Double.parseDouble(figures.get(prefix + "caller_switches_per_call")))));
            }
        }
        return byCallers;
    }

    /**
     * JMH SampleTime, one fork per path. With back-to-back calls and no think time, calls per second =
     * callers / mean latency.
     *
     * @return by path
     */
    static Map<String, PathLatency> jmh(RunMode mode, String plugin, List<String> paths, int callers, Path jmhLog)
            throws RunnerException, IOException {
        List<String> jvmArguments = new ArrayList<>(JavaFork.nodeJvmOptions());
        jvmArguments.addAll(JavaFork.benchProperties());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(GreetingBenchmark.class.getName() + ".greeting")
                .param("path", paths.toArray(String[]::new))
                .param("plugin", plugin)
                .threads(callers)
                .forks(1)
                .warmupIterations(mode.jmhWarmupIterations())
                .warmupTime(TimeValue.seconds(mode.jmhIterationSeconds()))
                .measurementIterations(mode.jmhIterations())
                .measurementTime(TimeValue.seconds(mode.jmhIterationSeconds()))
                .jvmArgs(jvmArguments.toArray(String[]::new))
                .shouldFailOnError(true)
                .output(jmhLog.toString());
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, PathLatency> byPath = new TreeMap<>();
        for (RunResult result : results) {
            String path = result.getParams().getParam("path");
            Statistics statistics = result.getPrimaryResult().getStatistics();
            byPath.put(path, new PathLatency(path, callers, statistics.getPercentile(50), statistics.getPercentile(99),
                    callers * 1_000_000.0 / statistics.getMean(), Double.NaN, CallCost.UNKNOWN));
        }
        for (String path : paths) {
            if (!byPath.containsKey(path)) {
                throw new IllegalStateException("JMH produced no result for path " + path + "; see " + jmhLog);
            }
        }
        return byPath;
    }
}
