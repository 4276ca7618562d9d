package dev.pnode.bench;

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

/** Runs {@link GreetingBenchmark} through JMH's API and hands back the latency statistics per path. */
final class JmhGreeting {

    /** Latency of one path with a number of callers. */
    record PathLatency(String path, int callers, double p50Micros, double p99Micros, double meanMicros, long samples) {

        /** Closed loop without think time: each caller completes 1/mean calls per second. */
        double callsPerSecond() {
            return callers * 1_000_000.0 / meanMicros;
        }
    }

    private JmhGreeting() {
    }

    /**
     * @return by path name, in one JMH run (one forked JVM per path)
     */
    static Map<String, PathLatency> run(RunMode mode, String plugin, List<String> paths, int callers, Path jmhLog)
            throws RunnerException {
        List<String> jvmArguments = new ArrayList<>(JavaFork.NODE_JVM_OPTIONS);
        jvmArguments.addAll(JavaFork.benchProperties());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(GreetingBenchmark.class.getName() + ".greeting")
                .param("path", paths.toArray(String[]::new))
                .param("plugin", plugin)
                .threads(callers)
                .forks(1)
                .warmupIterations(mode.jmhWarmupIterations())
                .warmupTime(TimeValue.seconds(mode.jmhWarmupSeconds()))
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
                    statistics.getMean(), statistics.getN()));
        }
        for (String path : paths) {
            if (!byPath.containsKey(path)) {
                throw new IllegalStateException("JMH produced no result for path " + path + "; see " + jmhLog);
            }
        }
        return byPath;
    }
}
