package dev.pnode.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Interleaved latency harness: opens every path to the plugin in one JVM, warms each up, then measures them in
 * alternating short rounds, timing every call (closed loop, no think time). On a shared, noisy machine the load
 * changes over seconds; rounds of a few hundred milliseconds spread those changes evenly over the paths, so the
 * ratios stay honest even when the absolute numbers move. The warm-up lasts until every path's ratio to the first
 * path (the baseline) has settled and the JIT compilers of every JVM on the paths have gone quiet (at most
 * WARMUP_SECONDS). JMH's one-fork-per-path figures are reported beside these in full runs. Prints
 * {@code <path>.<callers>.p50_us=...} lines (also calls per second, this JVM's CPU time per call and, by kind of
 * thread, where it went: {@code thread_cpu_us_per_call.<thread>}, see {@link ThreadCpu}) and how long each warm-up took; with the environment variable {@value #TRACE_VARIABLE} set, also every round's p50 and p99 and the
 * compilers' CPU so far ({@code #} lines, which {@link JavaFork} passes to standard error).
 *
 * <p>Usage: GreetingHarness PLUGIN WARMUP_SECONDS ROUNDS ROUND_MILLIS CALLERS[,CALLERS...] PATH[,PATH...]
 */
public final class GreetingHarness {

    /** Warm-up rounds compared in windows of this many. */
    private static final int WINDOW = 3;
    /**
     * A window's median ratio to the baseline within this fraction of the window before counts as settled. Ratios of
     * interleaved rounds cancel the machine's load, which moves every path's p50 by more than this from round to round
     * on a shared 2-core machine (an absolute 3 % rule on p50s never held there and always ran to the cap).
     */
    private static final double SETTLED = 0.05;
    /** C2 is still recompiling the call path before about this many calls per path (DESIGN.md: ~30k). */
    private static final long MIN_WARMUP_CALLS = 30_000;
    private static final long MIN_WARMUP_ROUND_NANOS = 500_000_000L;
    /**
     * The compilers of all JVMs on the paths (this one, with the embedded node, and the plugins) count as quiet once
     * they used less than this share of one core over the last {@link #WINDOW} rounds. While the JVMs still compile
     * (more than a whole core for the first ~35 s of figure 1 on a 2-core VM) the contract path, whose node and plugin
     * JVMs compile their own copies of gRPC and netty, is the last to reach its floor; p50 ratios alone looked settled
     * before that, or never settled and ran to the cap, which then fell on either side of it (quick runs read 1.07-2.34).
     */
    private static final double QUIET_COMPILERS = 0.10;
    static final String TRACE_VARIABLE = "PNODE_BENCH_TRACE";
    private static final boolean TRACE = System.getenv(TRACE_VARIABLE) != null;
    /**
     * CPU time of this JVM (callers, clients and, for the embedded node's paths, the node; not the plugin process):
     * on a shared 2-core machine the CPU a path spends per call decides its throughput with many callers, and it
     * moves less with the load than the latencies do.
     */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Per path, summed over the measured rounds: indexes into the cost array. */
    private static final int JVM_CPU = 0;
    private static final int CALLER_CPU = 1;
    private static final int SWITCHES = 2;
    /** This JVM's child processes (the plugin; for {@code gohost}, the Go host and its plugin), in microseconds. */
    private static final int PLUGIN_CPU = 3;
    /** The same processes' voluntary context switches (the plugin's side of each hand-off; the Go host's own). */
    private static final int CHILD_SWITCHES = 4;
    /**
     * The callers' own voluntary switches (each wait for an answer that parked), which {@link #SWITCHES} misses: the
     * callers have ended when it is read.
     */
    private static final int CALLER_SWITCHES = 5;
    private static final int COSTS = 6;
    private static final double MIN_THREAD_CPU_MICROS = 0.5;

    private GreetingHarness() {
    }

    public static void main(String[] arguments) throws Exception {
        BenchEnvironment.PluginKind plugin = BenchEnvironment.PluginKind.parse(arguments[0]);
        long warmupNanos = Long.parseLong(arguments[1]) * 1_000_000_000L;
        int rounds = Integer.parseInt(arguments[2]);
        long roundNanos = Long.parseLong(arguments[3]) * 1_000_000L;
        String[] callerCounts = arguments[4].split(",");
        String[] paths = arguments[5].split(",");
        BenchEnvironment environment = BenchEnvironment.fromSystemProperties();
        Map<String, GreetingTarget> targets = new LinkedHashMap<>();
        try {
            for (String path : paths) {
                targets.put(path, GreetingTarget.open(path, plugin, environment));
            }
            for (String count : callerCounts) {
                int callers = Integer.parseInt(count);
                double warmedSeconds = warmUntilSettled(targets, callers, warmupNanos, roundNanos);
                System.out.println("warmup." + callers + ".seconds=" + Report.format(warmedSeconds));
                double compilerMillisBefore = CompilerCpu.millis();
                long measuringSince = System.nanoTime();
                Map<String, List<Latencies>> measured = new LinkedHashMap<>();
                Map<String, Long> elapsed = new LinkedHashMap<>();
                Map<String, long[]> costs = new LinkedHashMap<>();
                Map<String, Map<String, Long>> threadNanos = new LinkedHashMap<>();
                for (int round = 0; round < rounds; round++) {
                    for (Map.Entry<String, GreetingTarget> target : inRoundOrder(targets, round)) {
                        long[] cost = costs.computeIfAbsent(target.getKey(), k -> new long[COSTS]);
                        List<Latencies> into = measured.computeIfAbsent(target.getKey(), k -> new ArrayList<>());
                        // reading /proc takes milliseconds: outside the timed and the CPU-counted part
                        Map<String, ThreadCpu.Sample> threadsBefore = ThreadCpu.now();
                        long switchesBefore = ContextSwitches.ofThisProcess();
                        long childSwitchesBefore = ContextSwitches.ofChildProcesses();
                        double pluginCpuBefore = childProcessesCpuMillis();
                        long cpuBefore = PROCESS.getProcessCpuTime();
                        int before = into.size();
                        GreetingTarget.Round calls = target.getValue().round(callers, roundNanos, into);
                        if (TRACE) {
                            trace("round", round, target.getKey(), Latencies.merge(into.subList(before, into.size())));
                        }
                        cost[CALLER_CPU] += calls.callerCpuNanos();
                        elapsed.merge(target.getKey(), calls.callingNanos(), Long::sum);
                        cost[JVM_CPU] += PROCESS.getProcessCpuTime() - cpuBefore;
                        cost[PLUGIN_CPU] += Math.round((childProcessesCpuMillis() - pluginCpuBefore) * 1e3);
                        cost[SWITCHES] += ContextSwitches.ofThisProcess() - switchesBefore;
                        cost[CHILD_SWITCHES] += ContextSwitches.ofChildProcesses() - childSwitchesBefore;
                        cost[CALLER_SWITCHES] += calls.callerSwitches();
                        ThreadCpu.addDelta(threadsBefore, ThreadCpu.now(), threadNanos.computeIfAbsent(
                                target.getKey(), k -> new LinkedHashMap<>()));
                    }
                }
                System.out.println("# " + callers + " caller(s): the compilers took " + Report.format(100
                        * (CompilerCpu.millis() - compilerMillisBefore) * 1e6 / (System.nanoTime() - measuringSince))
                        + " % of a core while measuring");
                for (String path : targets.keySet()) {
                    Latencies all = Latencies.merge(measured.get(path));
                    String prefix = path + "." + callers + ".";
                    System.out.println(prefix + "p50_us=" + Report.format(all.percentileMicros(50)));
                    System.out.println(prefix + "p99_us=" + Report.format(all.percentileMicros(99)));
                    System.out.println(prefix + "calls=" + all.count());
                    System.out.println(prefix + "calls_per_s=" + Report.format(all.count() / (elapsed.get(path) / 1e9)));
                    long[] cost = costs.get(path);
                    System.out.println(prefix + "jvm_cpu_us_per_call=" + Report.format(cost[JVM_CPU] / 1e3
                            / all.count()));
                    System.out.println(prefix + "caller_cpu_us_per_call=" + Report.format(cost[CALLER_CPU] / 1e3
                            / all.count()));
                    System.out.println(prefix + "plugin_cpu_us_per_call=" + Report.format((double) cost[PLUGIN_CPU]
                            / all.count()));
                    System.out.println(prefix + "voluntary_switches_per_call=" + Report.format(
                            (double) cost[SWITCHES] / all.count()));
                    System.out.println(prefix + "child_switches_per_call=" + Report.format(
                            (double) cost[CHILD_SWITCHES] / all.count()));
                    System.out.println(prefix + "caller_switches_per_call=" + Report.format(
                            (double) cost[CALLER_SWITCHES] / all.count()));
                    printThreadCpu(prefix, threadNanos.get(path), all.count());
                }
            }
        } finally {
            targets.values().forEach(GreetingTarget::close);
        }
        System.exit(0);
    }

    /** Where this JVM's CPU per call went, by kind of thread, the busiest first (kinds under 0.5 us left out). */
    private static void printThreadCpu(String prefix, Map<String, Long> nanosByKind, long calls) {
        nanosByKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(kind -> kind.getValue() / 1e3 / calls >= MIN_THREAD_CPU_MICROS)
                .forEach(kind -> System.out.println(prefix + "thread_cpu_us_per_call." + kind.getKey().replace(' ',
                        '_') + "=" + Report.format(kind.getValue() / 1e3 / calls)));
    }

    /**
     * CPU time of every process this JVM started, and theirs (/proc, 10 ms ticks: summed over a path's rounds, which
     * make thousands of calls, the figure per call is good to a few percent).
     */
    private static double childProcessesCpuMillis() {
        return ProcessHandle.current().descendants().mapToDouble(child -> {
            double millis = ProcessCpu.millis(child.pid());
            return Double.isNaN(millis) ? 0 : millis;
        }).sum();
    }

    /**
     * Warms every path up in interleaved rounds until the first path (the baseline) and each other path have made at
     * least {@link #MIN_WARMUP_CALLS} calls, every path's ratio to the baseline has stopped moving (the median ratio
     * of its last {@link #WINDOW} rounds within {@link #SETTLED} of the {@link #WINDOW} rounds before) and the JVMs'
     * compilers have gone quiet ({@link #QUIET_COMPILERS}); or until {@code maxNanos}. C2 keeps recompiling the call
     * path for several seconds, and how long depends on the machine's load: a fixed warm-up either measures a path that
     * is still getting faster (quick runs read 1.46-1.52 where full runs read 1.05-1.08) or wastes minutes. With one
     * path, its p50 itself must settle.
     *
     * @return how long the warm-up took, in seconds
     */
    private static double warmUntilSettled(Map<String, GreetingTarget> targets, int callers, long maxNanos,
            long roundNanos) throws InterruptedException {
        long started = System.nanoTime();
        String baseline = targets.keySet().iterator().next();
        Map<String, List<Double>> p50s = new LinkedHashMap<>();
        Map<String, Long> calls = new LinkedHashMap<>();
        List<long[]> compilerMillisAt = new ArrayList<>();
        for (int round = 0; System.nanoTime() - started < maxNanos; round++) {
            for (Map.Entry<String, GreetingTarget> target : inRoundOrder(targets, round)) {
                List<Latencies> measured = new ArrayList<>();
                target.getValue().round(callers, Math.max(roundNanos, MIN_WARMUP_ROUND_NANOS), measured);
                Latencies merged = Latencies.merge(measured);
                p50s.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(merged.percentileMicros(50));
                calls.merge(target.getKey(), (long) merged.count(), Long::sum);
                if (TRACE) {
                    trace("warm-up", round, target.getKey(), merged);
                }
            }
            compilerMillisAt.add(new long[] {System.nanoTime() / 1_000_000, Math.round(CompilerCpu.millis())});
            if (settled(baseline, p50s, calls) && compilersQuiet(compilerMillisAt)) {
                break;
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** @param compilerMillisAt after each round: the wall clock and the compilers' CPU so far, in milliseconds */
    private static boolean compilersQuiet(List<long[]> compilerMillisAt) {
        int size = compilerMillisAt.size();
        if (size <= WINDOW) {
            return false;
        }
        long[] now = compilerMillisAt.get(size - 1);
        long[] before = compilerMillisAt.get(size - 1 - WINDOW);
        return now[1] - before[1] < QUIET_COMPILERS * (now[0] - before[0]);
    }

    private static void trace(String phase, int round, String path, Latencies latencies) {
        System.out.println("# " + phase + " round " + round + " " + path + ": p50 " + Report.format(latencies
                .percentileMicros(50)) + " us, p99 " + Report.format(latencies.percentileMicros(99)) + " us, "
                + latencies.count() + " calls; compilers' CPU so far " + Math.round(CompilerCpu.millis()) + " ms");
    }

    private static boolean settled(String baseline, Map<String, List<Double>> p50s, Map<String, Long> calls) {
        if (calls.values().stream().anyMatch(count -> count < MIN_WARMUP_CALLS)) {
            return false;
        }
        List<Double> baselineP50s = p50s.get(baseline);
        if (p50s.size() == 1) {
            return steady(baselineP50s);
        }
        for (Map.Entry<String, List<Double>> path : p50s.entrySet()) {
            if (path.getKey().equals(baseline)) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < path.getValue().size(); i++) {
                ratios.add(path.getValue().get(i) / baselineP50s.get(i));
            }
            if (!steady(ratios)) {
                return false;
            }
        }
        return true;
    }

    /** The median of the last {@link #WINDOW} values within {@link #SETTLED} of the median of the window before. */
    private static boolean steady(List<Double> values) {
        int size = values.size();
        if (size < 2 * WINDOW) {
            return false;
        }
        double recent = median(values.subList(size - WINDOW, size));
        double before = median(values.subList(size - 2 * WINDOW, size - WINDOW));
        return Math.abs(recent - before) <= SETTLED * before;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The paths in their order on even rounds and reversed on odd ones, so that no path always runs right after the
     * same neighbour (whose garbage, cache and scheduler footprint it would inherit).
     */
    private static List<Map.Entry<String, GreetingTarget>> inRoundOrder(Map<String, GreetingTarget> targets,
            int round) {
        List<Map.Entry<String, GreetingTarget>> order = new ArrayList<>(targets.entrySet());
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /** {@link GreetingTarget#round} with threads of this JVM. */
    static GreetingTarget.Round callBackToBack(GreetingTarget target, int callers, long durationNanos,
            List<Latencies> into) throws InterruptedException {
        long started = System.nanoTime();
        AtomicLong callerCpu = new AtomicLong();
        AtomicLong callerSwitches = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(callers);
        long end = started + durationNanos;
        for (int i = 0; i < callers; i++) {
            Latencies latencies = new Latencies();
            into.add(latencies);
            Thread caller = new Thread(() -> {
                try {
                    for (long now = System.nanoTime(); now < end && failure.get() == null; ) {
                        target.greeting("world");
                        long after = System.nanoTime();
                        latencies.add(after - now);
                        now = after;
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    callerCpu.addAndGet(THREADS.getCurrentThreadCpuTime());
                    callerSwitches.addAndGet(ContextSwitches.ofThisThread());
                    done.countDown();
                }
            }, "greeting-caller-" + i);
            caller.start();
        }
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return new GreetingTarget.Round(callerCpu.get(), callerSwitches.get(), System.nanoTime() - started);
    }
}
