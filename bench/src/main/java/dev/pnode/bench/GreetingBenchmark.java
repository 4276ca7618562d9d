package dev.pnode.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figures 1 and 2: the latency of one {@code Greeting} call, per path to the same plugin program. SampleTime gives
 * the percentiles; with back-to-back calls and no think time, calls per second = threads / mean latency. Each path
 * runs in its own forked JVM, so one path's JIT profile cannot help or hurt another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GreetingBenchmark {

    @Param({"raw", "goplugin", "contract"})
    public String path;

    @Param({"java"})
    public String plugin;

    private GreetingTarget target;

    @Setup(Level.Trial)
    public void open() throws Exception {
        target = GreetingTarget.open(path, BenchEnvironment.PluginKind.parse(plugin),
                BenchEnvironment.fromSystemProperties());
    }

    @TearDown(Level.Trial)
    public void close() {
        target.close();
    }

    @Benchmark
    public String greeting() {
        return target.greeting("world");
    }
}
