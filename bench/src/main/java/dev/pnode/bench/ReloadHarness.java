package dev.pnode.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Figure 3, run in its own JVM: callers keep calling {@code HelloWorld.greeting} through the contract service of an
 * embedded node while the plugin is reloaded with {@code PluginAdmin.reload} (what {@code admin_reloadPlugin}
 * calls). Each caller takes the service from a ServiceTracker on every call, as a consumer with a dynamic
 * reference sees it.
 *
 * <p>Phases, all in this JVM: warm-up with back-to-back callers; the <b>maximum throughput</b>, measured with the
 * same callers back to back; then, at {@code LOAD} of that throughput, {@code RELOADS} rounds of a steady window
 * followed by a reload (steady and reload windows interleaved, so a drift of the machine's load hits both alike).
 *
 * <p>Paced callers are <b>open-loop</b>: each caller sends on a fixed schedule (its share of the rate, staggered
 * between callers) and a call's latency runs from its <em>intended</em> send time, not from when the caller got
 * round to sending it. A closed loop with a pause would stop sending while a call is slow, so the calls that would
 * have waited behind it are never measured (coordinated omission) and the p99 of a window with a stall looks better
 * than what a client sending at a steady rate sees. A caller that falls behind sends at once until it is back on its
 * schedule. The latency from the actual send is reported beside it ({@code *_service_*}), to tell the plugin's and the
 * host's delay from the callers' own lateness (a woken thread waiting for a core).
 *
 * <p>Reload time = from the reload call until the first answer a caller gets from the new contract service (the new
 * process serving every caller). "During reload" = calls intended in that time; the calls intended until the old
 * process is gone (drained, then stopped) are reported too. Prints name=value lines.
 *
 * <p>Usage: ReloadHarness WARMUP_SECONDS STEADY_SECONDS RELOADS JAVA|GO LOAD
 * (which helloworld example plugin; LOAD is the paced rate as a fraction of the measured maximum throughput, e.g.
 * {@code 0.5}, or {@code 0} for back-to-back callers throughout, which keep both cores busy)
 */
public final class ReloadHarness {

    /**
     * Caller threads, back to back and paced alike. More than the cores, so that a paced caller woken late (a busy
     * machine delays a wake-up by milliseconds) does not hold up the whole schedule: with two paced callers the
     * schedule fell behind at half of the back-to-back throughput on the loaded 2-core machine, and every later call
     * counted the backlog.
     */
    static final int CALLERS = 8;
    static final String KEY = "helloworld";
    private static final long PAUSE_BETWEEN_RELOADS_MS = 500;
    /** Paced callers run this long on their schedule before the first steady window. */
    private static final long PACING_SETTLE_MS = 1_000;
    /** A steady window starts once every paced caller sends within this of its schedule (a reload's backlog drained). */
    private static final long ON_SCHEDULE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long a steady window waits for the callers to be back on schedule before it starts anyway. */
    private static final long ON_SCHEDULE_WAIT_MS = 10_000;
    /**
     * {@code NAME=V1,V2,...}: before reload i the harness sets system property NAME to V(i mod n), and reports the
     * reload windows of each value apart: an A/B of a switch the node reads at each reload, interleaved in one run.
     */
    static final String VARIANTS_PROPERTY = "pnode.bench.reloadVariants";
    /**
     * A file to write every call (intended send time, latency from it, latency from the actual send; nanoseconds on
     * this JVM's {@code System.nanoTime()} clock) and every reload's marks to, to see which phase of a reload holds
     * the slow calls.
     */
    static final String CALL_LOG_PROPERTY = "pnode.bench.callLog";
    /**
     * Calls per second for the paced callers instead of {@code LOAD} of the measured maximum: the same rate in runs
     * whose maxima differ, for an A/B between runs (e.g. of a JVM option, which one run cannot switch).
     */
    static final String PACED_RATE_PROPERTY = "pnode.bench.pacedCallsPerSecond";
    /**
     * A call is slow above this times the steady p99 (the goal's line). Their count per reload, unlike a window's p99,
     * does not fall when a variant makes the window longer with more steady calls in it (a longer warm-up or shift
     * does: BENCHMARKS.md, session 9).
     */
    static final double SLOW_OF_STEADY_P99 = 2;
    /**
     * Reloads to make after the callers stopped (the node's JVM warm): this JVM's CPU per reload with nobody calling,
     * in all and per thread name, per variant too: what a reload costs the node, i.e. what callers lose to it.
     */
    static final String IDLE_RELOADS_PROPERTY = "pnode.bench.idleReloads";
    /** {@code true}: the idle reloads sample the CPU per thread too, which costs this JVM CPU of its own (counted). */
    static final String IDLE_RELOAD_THREADS_PROPERTY = "pnode.bench.idleReloadThreads";

    private final EmbeddedNode node;
    private final ServiceTracker<Object, Object> contract;
    private final AtomicLong failures = new AtomicLong();
    /** Failures without an exception were counted silently: a tight loop of them counted 41,365 and 91,309 (go). */
    private final AtomicLong noServiceFailures = new AtomicLong();
    private final AtomicLong wrongAnswerFailures = new AtomicLong();
    /** Calls that found the tracker's cached service stale and the service registered (see {@code currentService}). */
    private final AtomicLong staleTrackerCache = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    /** When a caller last got its first answer from a service object it had not used before. */
    private final AtomicLong firstAnswerFromNewService = new AtomicLong();
    private final List<Caller> callers = new ArrayList<>();
    /** Each caller's time between intended sends; 0: back to back. */
    private volatile long callerIntervalNanos;
    private volatile boolean running = true;

    private ReloadHarness(EmbeddedNode node) {
        this.node = node;
        this.contract = node.track(EmbeddedNode.CONTRACT);
    }

    public static void main(String[] arguments) throws Exception {
        int warmupSeconds = Integer.parseInt(arguments[0]);
        int steadySeconds = Integer.parseInt(arguments[1]);
        int reloads = Integer.parseInt(arguments[2]);
        BenchEnvironment.PluginKind plugin = BenchEnvironment.PluginKind.valueOf(arguments[3]);
        double load = Double.parseDouble(arguments[4]);
        if (!(load >= 0 && load <= 1)) {
            throw new IllegalArgumentException("LOAD must be a fraction of the maximum throughput (0 to 1), was "
                    + arguments[4]);
        }
        try (EmbeddedNode node = EmbeddedNode.boot(BenchEnvironment.fromSystemProperties(), plugin)) {
            new ReloadHarness(node).measure(warmupSeconds, steadySeconds, reloads, load);
        }
        System.exit(0);
    }

    private void measure(int warmupSeconds, int steadySeconds, int reloads, double load) throws Exception {
        String variants = System.getProperty(VARIANTS_PROPERTY, "");
        String variantName = variants.contains("=") ? variants.substring(0, variants.indexOf('=')) : "";
        List<String> variantValues = variantName.isEmpty() ? List.of()
                : List.of(variants.substring(variants.indexOf('=') + 1).split(","));
        for (int i = 0; i < CALLERS; i++) {
            Caller caller = new Caller(i);
            callers.add(caller);
            caller.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        double maxCallsPerSecond = callsPerSecondFor(TimeUnit.SECONDS.toNanos(steadySeconds));
        print("max_calls_per_s", maxCallsPerSecond);
        double fixedRate = Double.parseDouble(System.getProperty(PACED_RATE_PROPERTY, "0"));
        double pacedCallsPerSecond = fixedRate > 0 ? fixedRate : maxCallsPerSecond * load;
        if (load > 0) {
            callerIntervalNanos = (long) (CALLERS * 1e9 / pacedCallsPerSecond);
            print("paced_calls_per_s_target", pacedCallsPerSecond);
            Thread.sleep(PACING_SETTLE_MS);
        }

        Object admin = node.service(EmbeddedNode.PLUGIN_ADMIN);
        Method reload = node.serviceInterface(EmbeddedNode.PLUGIN_ADMIN).getMethod("reload", String.class);
        Object registry = node.service(EmbeddedNode.PLUGIN_REGISTRY);
        Method plugin = node.serviceInterface(EmbeddedNode.PLUGIN_REGISTRY).getMethod("plugin", String.class);
        long steadyWindowNanos = TimeUnit.SECONDS.toNanos(steadySeconds) / Math.max(1, reloads);
        List<long[]> steadyWindows = new ArrayList<>();
        List<long[]> untilServingWindows = new ArrayList<>();
        List<long[]> untilOldGoneWindows = new ArrayList<>();
        Latencies untilServing = new Latencies();
        Latencies untilReturned = new Latencies();
        long steadyCalls = 0;
        long self = ProcessHandle.current().pid();
        double steadyHostCpuMillis = 0;
        double reloadHostCpuMillis = 0;
        double replacementCpuMillis = 0;
        List<Double> replacementCpuPerReload = new ArrayList<>();
        long failuresBefore = failures.get();
        int windowsBehindSchedule = 0;
        List<Double> steadyOtherCpuShares = new ArrayList<>();
        List<Double> reloadOtherCpuShares = new ArrayList<>();
        for (int i = 0; i < reloads; i++) {
            if (!awaitOnSchedule()) {
                windowsBehindSchedule++;
            }
            long steadyStart = System.nanoTime();
            long callsBefore = completed.sum();
            double hostCpuBefore = ProcessCpu.millis(self);
            OtherProcessesCpu.Reading steadyOthersBefore = OtherProcessesCpu.now();
            LockSupport.parkNanos(steadyWindowNanos);
            steadyOtherCpuShares.add(OtherProcessesCpu.now().shareSince(steadyOthersBefore));
            steadyCalls += completed.sum() - callsBefore;
            steadyHostCpuMillis += ProcessCpu.millis(self) - hostCpuBefore;
            steadyWindows.add(new long[] {steadyStart, System.nanoTime()});

            if (!variantValues.isEmpty()) {
                System.setProperty(variantName, variantValues.get(i % variantValues.size()));
            }
            long oldPid = pid(registry, plugin);
            double hostCpuAtReload = ProcessCpu.millis(self);
            OtherProcessesCpu.Reading reloadOthersBefore = OtherProcessesCpu.now();
            long start = System.nanoTime();
            try {
                reload.invoke(admin, KEY);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("reload failed: " + e.getCause(), e.getCause());
            }
            long returned = System.nanoTime();
            reloadHostCpuMillis += ProcessCpu.millis(self) - hostCpuAtReload;
            long newPid = pid(registry, plugin);
            double replacementCpu = ProcessCpu.millis(newPid);
            replacementCpuMillis += replacementCpu;
            replacementCpuPerReload.add(replacementCpu);
            if (newPid == oldPid) {
                throw new IllegalStateException("reload returned but the plugin still runs as pid " + oldPid);
            }
            // the reload's effect on callers lasts until the old process is gone (drained and stopped)
            ProcessHandle.of(oldPid).ifPresent(old -> old.onExit().join());
            long oldGone = System.nanoTime();
            reloadOtherCpuShares.add(OtherProcessesCpu.now().shareSince(reloadOthersBefore));
            long firstAnswer = firstAnswerFromNewService.get();
            long serving = firstAnswer > start ? firstAnswer : returned;
            untilServingWindows.add(new long[] {start, serving});
            untilOldGoneWindows.add(new long[] {start, oldGone});
            untilServing.add(serving - start);
            untilReturned.add(returned - start);
            Thread.sleep(PAUSE_BETWEEN_RELOADS_MS);
        }
        running = false;
        for (Caller caller : callers) {
            caller.join();
        }
        idleReloads(Integer.getInteger(IDLE_RELOADS_PROPERTY, 0), variantName, variantValues, admin, reload, registry,
                plugin);
        String callLog = System.getProperty(CALL_LOG_PROPERTY, "");
        if (!callLog.isEmpty()) {
            writeCallLog(Path.of(callLog), steadyWindows, untilServingWindows, untilOldGoneWindows);
        }
        Latencies steady = new Latencies();
        Latencies steadyService = new Latencies();
        Latencies duringReload = new Latencies();
        Latencies duringReloadService = new Latencies();
        Latencies untilOldGone = new Latencies();
        for (Caller caller : callers) {
            for (int i = 0; i < caller.count; i++) {
                long intended = caller.intended[i];
                if (inside(steadyWindows, intended)) {
                    steady.add(caller.latencies[i]);
                    steadyService.add(caller.serviceTimes[i]);
                }
                if (inside(untilServingWindows, intended)) {
                    duringReload.add(caller.latencies[i]);
                    duringReloadService.add(caller.serviceTimes[i]);
                }
                if (inside(untilOldGoneWindows, intended)) {
                    untilOldGone.add(caller.latencies[i]);
                }
            }
        }
        double steadySecondsMeasured = steadyWindows.stream().mapToLong(w -> w[1] - w[0]).sum() / 1e9;
        print("load_of_max", load);
        print("steady_calls_per_s", steadyCalls / steadySecondsMeasured);
        // below 1 the callers fell behind their schedule and the latencies include the backlog
        // steady windows that began with the callers still behind their schedule (the machine could not keep the rate)
        print("steady_windows_behind_schedule", windowsBehindSchedule);
        print("steady_rate_of_target", load > 0 ? steadyCalls / steadySecondsMeasured / pacedCallsPerSecond
                : Double.NaN);
        // the machine's CPU used by processes outside this JVM and its plugins (other users), share of all cores: a
        // reload read beside a busy neighbour counts slow calls the reload did not cause
        print("steady_other_processes_cpu_share_max", steadyOtherCpuShares.stream().mapToDouble(x -> x).max()
                .orElse(Double.NaN));
        print("reload_other_processes_cpu_share_max", reloadOtherCpuShares.stream().mapToDouble(x -> x).max()
                .orElse(Double.NaN));
        print("reload_ms_p50", untilServing.percentileMicros(50) / 1000);
        print("reload_ms_max", untilServing.percentileMicros(100) / 1000);
        print("reload_call_returned_ms_p50", untilReturned.percentileMicros(50) / 1000);
        // where a reload's CPU goes: the replacement process until the switch, and this JVM (the node and the
        // callers) beyond what it uses in the same time of a steady window
        double steadyHostCpuPerNano = steadyHostCpuMillis / steadyWindows.stream().mapToLong(w -> w[1] - w[0]).sum();
        double reloadNanos = untilReturned.sumNanos();
        print("reload_replacement_cpu_ms_mean", replacementCpuMillis / reloads);
        print("reload_node_extra_cpu_ms_mean", (reloadHostCpuMillis - steadyHostCpuPerNano * reloadNanos) / reloads);
        print("steady_calls", steady.count());
        print("steady_p50_us", steady.percentileMicros(50));
        print("steady_p99_us", steady.percentileMicros(99));
        print("steady_service_p99_us", steadyService.percentileMicros(99));
        print("reload_calls", duringReload.count());
        print("reload_p50_us", duringReload.percentileMicros(50));
        print("reload_p99_us", duringReload.percentileMicros(99));
        print("reload_service_p99_us", duringReloadService.percentileMicros(99));
        print("reload_p99_ratio", duringReload.percentileMicros(99) / steady.percentileMicros(99));
        print("until_old_gone_calls", untilOldGone.count());
        print("until_old_gone_p99_us", untilOldGone.percentileMicros(99));
        print("until_old_gone_p99_ratio", untilOldGone.percentileMicros(99) / steady.percentileMicros(99));
        print("until_old_gone_ms_mean", untilOldGoneWindows.stream().mapToLong(w -> w[1] - w[0]).average()
                .orElse(0) / 1e6);
        double slowMicros = SLOW_OF_STEADY_P99 * steady.percentileMicros(99);
        print("until_old_gone_slow_calls_per_reload", untilOldGone.countAboveMicros(slowMicros) / (double) reloads);
        print("until_old_gone_worst_ms", untilOldGone.percentileMicros(100) / 1000);
        print("failed_calls", failures.get());
        print("failed_calls_during_reloads", failures.get() - failuresBefore);
        print("failed_calls_no_service", noServiceFailures.get());
        print("calls_past_stale_tracker_cache", staleTrackerCache.get());
        print("failed_calls_wrong_answer", wrongAnswerFailures.get());
        print("reloads", reloads);
        for (int i = 0; i < reloads; i++) {
            Latencies window = latenciesInside(List.of(untilServingWindows.get(i)));
            Latencies untilGone = latenciesInside(List.of(untilOldGoneWindows.get(i)));
            System.out.println("# reload " + (i + 1) + (variantValues.isEmpty() ? "" : " "
                    + variantValues.get(i % variantValues.size())) + ": reload ms " + Report.format(
                    (untilServingWindows.get(i)[1] - untilServingWindows.get(i)[0]) / 1e6) + ", reload p99 ms "
                    + Report.format(window.percentileMicros(99) / 1000) + ", replacement CPU ms "
                    + Report.format(replacementCpuPerReload.get(i)) + ", slow calls until old gone "
                    + untilGone.countAboveMicros(slowMicros) + ", worst ms "
                    + Report.format(untilGone.percentileMicros(100) / 1000) + ", other processes' CPU share "
                    + Report.format(reloadOtherCpuShares.get(i)));
        }
        for (int v = 0; v < variantValues.size(); v++) {
            List<long[]> serving = new ArrayList<>();
            List<long[]> oldGone = new ArrayList<>();
            double variantCpuMillis = 0;
            for (int i = v; i < reloads; i += variantValues.size()) {
                serving.add(untilServingWindows.get(i));
                oldGone.add(untilOldGoneWindows.get(i));
                variantCpuMillis += replacementCpuPerReload.get(i);
            }
            Latencies inVariant = latenciesInside(serving);
            Latencies untilOldGoneInVariant = latenciesInside(oldGone);
            String prefix = "variant." + variantValues.get(v) + ".";
            print(prefix + "reload_ms_mean", serving.stream().mapToLong(w -> w[1] - w[0]).average().orElse(0) / 1e6);
            print(prefix + "reload_replacement_cpu_ms_mean", variantCpuMillis / serving.size());
            print(prefix + "reload_p99_us", inVariant.percentileMicros(99));
            print(prefix + "reload_p99_ratio", inVariant.percentileMicros(99) / steady.percentileMicros(99));
            print(prefix + "until_old_gone_p99_ratio", untilOldGoneInVariant.percentileMicros(99)
                    / steady.percentileMicros(99));
            print(prefix + "until_old_gone_slow_calls_per_reload", untilOldGoneInVariant.countAboveMicros(slowMicros)
                    / (double) oldGone.size());
            print(prefix + "until_old_gone_worst_ms", untilOldGoneInVariant.percentileMicros(100) / 1000);
        }
    }

    /**
     * Reloads with nobody calling, each until its old process is gone, and prints this JVM's CPU per reload (all
     * threads, from /proc/self/stat) and per thread name (sampled), per variant when there are variants.
     */
    private void idleReloads(int count, String variantName, List<String> variantValues, Object admin, Method reload,
            Object registry, Method plugin) throws Exception {
        if (count == 0) {
            return;
        }
        long self = ProcessHandle.current().pid();
        boolean threadsToo = Boolean.getBoolean(IDLE_RELOAD_THREADS_PROPERTY);
        int kinds = Math.max(1, variantValues.size());
        double[] cpuMillis = new double[kinds];
        double[] millis = new double[kinds];
        List<Map<String, Long>> threads = new ArrayList<>();
        for (int v = 0; v < kinds; v++) {
            threads.add(new TreeMap<>());
        }
        double idleBefore = ProcessCpu.millis(self);
        long idleStart = System.nanoTime();
        Thread.sleep(2_000);
        double idleCpuPerMilli = (ProcessCpu.millis(self) - idleBefore) / ((System.nanoTime() - idleStart) / 1e6);
        System.out.println("# idle reloads from uptime " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        StringBuilder perReload = new StringBuilder("# idle_reload.node_cpu_ms");
        for (int i = 0; i < count; i++) {
            int v = i % kinds;
            if (!variantValues.isEmpty()) {
                System.setProperty(variantName, variantValues.get(v));
            }
            long oldPid = pid(registry, plugin);
            ThreadCpuSampler sampler = threadsToo ? new ThreadCpuSampler() : null;
            if (sampler != null) {
                sampler.start();
            }
            double before = ProcessCpu.millis(self);
            long start = System.nanoTime();
            reload.invoke(admin, KEY);
            ProcessHandle.of(oldPid).ifPresent(old -> old.onExit().join());
            Thread.sleep(PAUSE_BETWEEN_RELOADS_MS); // the old process's channel closes after its exit
            double used = ProcessCpu.millis(self) - before;
            cpuMillis[v] += used;
            perReload.append(' ').append(Report.format(used));
            millis[v] += (System.nanoTime() - start) / 1e6;
            if (sampler != null) {
                sampler.finish().forEach((name, nanos) -> threads.get(v).merge(name, nanos, Long::sum));
            }
        }
        System.out.println(perReload);
        print("idle_node_cpu_ms_per_s", idleCpuPerMilli * 1000);
        for (int v = 0; v < kinds; v++) {
            int reloadsOfVariant = (count - v + kinds - 1) / kinds;
            String prefix = "idle_reload." + (variantValues.isEmpty() ? "" : variantValues.get(v) + ".");
            print(prefix + "node_cpu_ms_per_reload", cpuMillis[v] / reloadsOfVariant);
            print(prefix + "node_cpu_ms_per_reload_above_idle", (cpuMillis[v] - idleCpuPerMilli * millis[v])
                    / reloadsOfVariant);
            print(prefix + "until_old_gone_ms_mean", millis[v] / reloadsOfVariant);
            threads.get(v).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(thread -> thread.getValue() / reloadsOfVariant >= 100_000)
                    .forEach(thread -> System.out.println("# " + prefix + "thread_cpu_ms_per_reload "
                            + thread.getKey() + " " + Report.format(thread.getValue() / 1e6 / reloadsOfVariant)));
        }
    }

    private void writeCallLog(Path file, List<long[]> steadyWindows, List<long[]> untilServingWindows,
            List<long[]> untilOldGoneWindows) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            // the JVM's uptime at a known nanoTime, to put -Xlog:gc's uptime decorations on the same clock
            out.println("anchor " + System.nanoTime() + " " + ManagementFactory.getRuntimeMXBean().getUptime());
            for (long[] window : steadyWindows) {
                out.println("steady " + window[0] + " " + window[1]);
            }
            for (int i = 0; i < untilServingWindows.size(); i++) {
                out.println("reload " + untilServingWindows.get(i)[0] + " " + untilServingWindows.get(i)[1] + " "
                        + untilOldGoneWindows.get(i)[1]);
            }
            for (Caller caller : callers) {
                for (int i = 0; i < caller.count; i++) {
                    out.println("call " + caller.intended[i] + " " + caller.latencies[i] + " "
                            + caller.serviceTimes[i]);
                }
            }
        }
    }

    /** Waits until every paced caller sends on time again; false when they did not catch up in time. */
    private boolean awaitOnSchedule() throws InterruptedException {
        if (callerIntervalNanos == 0) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ON_SCHEDULE_WAIT_MS);
        while (callers.stream().anyMatch(caller -> caller.lateness > ON_SCHEDULE_NANOS)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The callers' throughput over this long, as they call now. */
    private double callsPerSecondFor(long nanos) {
        long start = System.nanoTime();
        long before = completed.sum();
        LockSupport.parkNanos(nanos);
        return (completed.sum() - before) / ((System.nanoTime() - start) / 1e9);
    }

    /** The latencies of the callers' calls intended inside one of {@code windows}. */
    private Latencies latenciesInside(List<long[]> windows) {
        Latencies latencies = new Latencies();
        for (Caller caller : callers) {
            for (int i = 0; i < caller.count; i++) {
                if (inside(windows, caller.intended[i])) {
                    latencies.add(caller.latencies[i]);
                }
            }
        }
        return latencies;
    }

    private static boolean inside(List<long[]> windows, long time) {
        for (long[] window : windows) {
            if (time >= window[0] && time < window[1]) {
                return true;
            }
        }
        return false;
    }

    private static long pid(Object registry, Method plugin) throws ReflectiveOperationException {
        Optional<?> status = (Optional<?>) plugin.invoke(registry, KEY);
        Object present = status.orElseThrow(() -> new IllegalStateException("no plugin " + KEY + " configured"));
        OptionalLong pid = (OptionalLong) present.getClass().getMethod("pid").invoke(present);
        return pid.orElse(-1);
    }

    private static void print(String name, double value) {
        System.out.println(name + "=" + Report.format(value));
    }

    /**
     * Calls back to back or on its schedule, recording each call's intended send time, its latency from then and
     * from the actual send; counts failures instead of stopping.
     */
    private final class Caller extends Thread {

        private final int index;
        long[] intended = new long[1 << 16];
        long[] latencies = new long[1 << 16];
        long[] serviceTimes = new long[1 << 16];
        int count;
        /** How late the latest call was sent after its intended time. */
        volatile long lateness;
        private Object lastService;
        private MethodHandle greeting;

        Caller(int index) {
            super("reload-caller-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            long scheduleInterval = 0;
            long next = 0;
            while (running) {
                long interval = callerIntervalNanos;
                long due;
                if (interval == 0) {
                    due = System.nanoTime();
                } else {
                    if (interval != scheduleInterval) {
                        scheduleInterval = interval;
                        next = System.nanoTime() + index * interval / CALLERS; // staggered between callers
                    }
                    due = next;
                    next += interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long sent = System.nanoTime();
                lateness = sent - due;
                if (call()) {
                    long done = System.nanoTime();
                    completed.increment();
                    record(due, done - due, done - sent);
                }
            }
        }

        private boolean call() {
            try {
                Object service = currentService();
                if (service == null) {
                    failures.incrementAndGet();
                    if (noServiceFailures.getAndIncrement() == 0) {
                        System.err.println("call failed: no contract service registered (first of such failures, at "
                                + System.nanoTime() + " ns)");
                    }
                    return false;
                }
                boolean switched = service != lastService;
                if (switched) {
                    greeting = ContractClient.greetingOf(node, service);
                    lastService = service;
                }
                String answer = (String) greeting.invokeExact("world");
                if (switched) {
                    firstAnswerFromNewService.accumulateAndGet(System.nanoTime(), Math::max);
                }
                if (!answer.equals("Hello world!")) {
                    failures.incrementAndGet();
                    if (wrongAnswerFailures.getAndIncrement() == 0) {
                        System.err.println("call failed: answered \"" + answer + "\" (first of such failures)");
                    }
                    return false;
                }
                return true;
            } catch (Throwable e) {
                failures.incrementAndGet();
                System.err.println("call failed: " + e);
                return false;
            }
        }

        /**
         * The contract service as a consumer with a dynamic reference sees it. {@code ServiceTracker.getService()}
         * alone is not enough: its cached reference is written without a lock, so a caller that picked the old
         * registration just as a reload unregistered it writes that stale reference back, and every later
         * {@code getService()} answers null until the tracker next changes (the next reload): tens of thousands of
         * "no contract service" failures while the new registration was there all along. The uncached list decides.
         */
        private Object currentService() {
            Object service = contract.getService();
            if (service != null) {
                return service;
            }
            Object[] tracked = contract.getServices();
            if (tracked == null || tracked.length == 0) {
                return null;
            }
            staleTrackerCache.incrementAndGet();
            return tracked[0];
        }

        private void record(long due, long latency, long serviceTime) {
            if (count == intended.length) {
                intended = Arrays.copyOf(intended, count * 2);
                latencies = Arrays.copyOf(latencies, count * 2);
                serviceTimes = Arrays.copyOf(serviceTimes, count * 2);
            }
            intended[count] = due;
            latencies[count] = latency;
            serviceTimes[count] = serviceTime;
            count++;
        }
    }
}
