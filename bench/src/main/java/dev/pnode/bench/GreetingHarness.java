package dev.pnode.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Interleaved latency harness: opens every path to the plugin in one JVM, warms each up, then measures them in
 * alternating short rounds, timing every call (closed loop, no think time). On a shared, noisy machine the load
 * changes over seconds; rounds of a few hundred milliseconds spread those changes evenly over the paths, so the
 * ratios stay honest even when the absolute numbers move. JMH's one-fork-per-path figures are reported beside
 * these in full runs. Prints {@code <path>.<callers>.p50_us=...} lines.
 *
 * <p>Usage: GreetingHarness PLUGIN WARMUP_SECONDS ROUNDS ROUND_MILLIS CALLERS[,CALLERS...] PATH[,PATH...]
 */
public final class GreetingHarness {

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
                for (GreetingTarget target : targets.values()) {
                    run(target, callers, warmupNanos, new ArrayList<>());
                }
                Map<String, List<Latencies>> measured = new LinkedHashMap<>();
                Map<String, Long> elapsed = new LinkedHashMap<>();
                for (int round = 0; round < rounds; round++) {
                    for (Map.Entry<String, GreetingTarget> target : targets.entrySet()) {
                        long started = System.nanoTime();
                        run(target.getValue(), callers, roundNanos,
                                measured.computeIfAbsent(target.getKey(), k -> new ArrayList<>()));
                        elapsed.merge(target.getKey(), System.nanoTime() - started, Long::sum);
                    }
                }
                for (String path : targets.keySet()) {
                    Latencies all = Latencies.merge(measured.get(path));
                    String prefix = path + "." + callers + ".";
                    System.out.println(prefix + "p50_us=" + Report.format(all.percentileMicros(50)));
                    System.out.println(prefix + "p99_us=" + Report.format(all.percentileMicros(99)));
                    System.out.println(prefix + "calls=" + all.count());
                    System.out.println(prefix + "calls_per_s=" + Report.format(all.count() / (elapsed.get(path) / 1e9)));
                }
            }
        } finally {
            targets.values().forEach(GreetingTarget::close);
        }
        System.exit(0);
    }

    /** Each caller calls back to back for the given time, into its own Latencies; a failure ends the run. */
    private static void run(GreetingTarget target, int callers, long durationNanos, List<Latencies> into)
            throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(callers);
        long end = System.nanoTime() + durationNanos;
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
                    done.countDown();
                }
            }, "greeting-caller-" + i);
            caller.start();
        }
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
