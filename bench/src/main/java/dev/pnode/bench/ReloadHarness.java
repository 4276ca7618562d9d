package dev.pnode.bench;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Figure 3, run in its own JVM: callers keep calling {@code HelloWorld.greeting} through the contract service of an
 * embedded node while the plugin is reloaded with {@code PluginAdmin.reload} (what {@code admin_reloadPlugin}
 * calls). Each caller takes the service from a ServiceTracker on every call, as a consumer with a dynamic
 * reference sees it. Reload time = from the reload call until the first answer a caller gets from the new
 * contract service (the new process serving every caller). "During reload" = calls started in that time; the
 * calls started until the old process is gone (drained, then stopped) are reported too. Prints name=value lines.
 *
 * <p>Usage: ReloadHarness WARMUP_SECONDS STEADY_SECONDS RELOADS JAVA|GO PAUSE_MICROS
 * (which helloworld example plugin; each caller's pause between calls, 0 for back to back, which keeps both cores
 * busy so that any extra work during a reload takes scheduler time slices from the callers)
 */
public final class ReloadHarness {

    static final int CALLERS = 2;
    static final String KEY = "helloworld";
    private static final long PAUSE_BETWEEN_RELOADS_MS = 500;

    private final EmbeddedNode node;
    private final long pauseNanos;
    private final ServiceTracker<Object, Object> contract;
    private final AtomicLong failures = new AtomicLong();
    /** When a caller last got its first answer from a service object it had not used before. */
    private final AtomicLong firstAnswerFromNewService = new AtomicLong();
    private final List<Caller> callers = new ArrayList<>();
    private volatile boolean running = true;

    private ReloadHarness(EmbeddedNode node, long pauseNanos) {
        this.node = node;
        this.pauseNanos = pauseNanos;
        this.contract = node.track(EmbeddedNode.CONTRACT);
    }

    public static void main(String[] arguments) throws Exception {
        int warmupSeconds = Integer.parseInt(arguments[0]);
        int steadySeconds = Integer.parseInt(arguments[1]);
        int reloads = Integer.parseInt(arguments[2]);
        BenchEnvironment.PluginKind plugin = BenchEnvironment.PluginKind.valueOf(arguments[3]);
        long pauseNanos = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(arguments[4]));
        try (EmbeddedNode node = EmbeddedNode.boot(BenchEnvironment.fromSystemProperties(), plugin)) {
            new ReloadHarness(node, pauseNanos).measure(warmupSeconds, steadySeconds, reloads);
        }
        System.exit(0);
    }

    private void measure(int warmupSeconds, int steadySeconds, int reloads) throws Exception {
        for (int i = 0; i < CALLERS; i++) {
            Caller caller = new Caller();
            callers.add(caller);
            caller.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        long steadyStart = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(steadySeconds));
        long steadyEnd = System.nanoTime();

        Object admin = node.service(EmbeddedNode.PLUGIN_ADMIN);
        Method reload = node.serviceInterface(EmbeddedNode.PLUGIN_ADMIN).getMethod("reload", String.class);
        Object registry = node.service(EmbeddedNode.PLUGIN_REGISTRY);
        Method plugin = node.serviceInterface(EmbeddedNode.PLUGIN_REGISTRY).getMethod("plugin", String.class);
        List<long[]> untilServingWindows = new ArrayList<>();
        List<long[]> untilOldGoneWindows = new ArrayList<>();
        Latencies untilServing = new Latencies();
        Latencies untilReturned = new Latencies();
        long failuresBefore = failures.get();
        for (int i = 0; i < reloads; i++) {
            long oldPid = pid(registry, plugin);
            long start = System.nanoTime();
            try {
                reload.invoke(admin, KEY);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("reload failed: " + e.getCause(), e.getCause());
            }
            long returned = System.nanoTime();
            long newPid = pid(registry, plugin);
            if (newPid == oldPid) {
                throw new IllegalStateException("reload returned but the plugin still runs as pid " + oldPid);
            }
            // the reload's effect on callers lasts until the old process is gone (drained and stopped)
            ProcessHandle.of(oldPid).ifPresent(old -> old.onExit().join());
            long oldGone = System.nanoTime();
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
        Latencies steady = new Latencies();
        Latencies duringReload = new Latencies();
        Latencies untilOldGone = new Latencies();
        for (Caller caller : callers) {
            for (int i = 0; i < caller.count; i++) {
                long started = caller.starts[i];
                if (started >= steadyStart && started < steadyEnd) {
                    steady.add(caller.latencies[i]);
                }
                if (inside(untilServingWindows, started)) {
                    duringReload.add(caller.latencies[i]);
                }
                if (inside(untilOldGoneWindows, started)) {
                    untilOldGone.add(caller.latencies[i]);
                }
            }
        }
        print("reload_ms_p50", untilServing.percentileMicros(50) / 1000);
        print("reload_ms_max", untilServing.percentileMicros(100) / 1000);
        print("reload_call_returned_ms_p50", untilReturned.percentileMicros(50) / 1000);
        print("steady_calls", steady.count());
        print("steady_p50_us", steady.percentileMicros(50));
        print("steady_p99_us", steady.percentileMicros(99));
        print("reload_calls", duringReload.count());
        print("reload_p50_us", duringReload.percentileMicros(50));
        print("reload_p99_us", duringReload.percentileMicros(99));
        print("reload_p99_ratio", duringReload.percentileMicros(99) / steady.percentileMicros(99));
        print("until_old_gone_calls", untilOldGone.count());
        print("until_old_gone_p99_us", untilOldGone.percentileMicros(99));
        print("until_old_gone_p99_ratio", untilOldGone.percentileMicros(99) / steady.percentileMicros(99));
        print("until_old_gone_ms_mean", untilOldGoneWindows.stream().mapToLong(w -> w[1] - w[0]).average()
                .orElse(0) / 1e6);
        print("failed_calls", failures.get());
        print("failed_calls_during_reloads", failures.get() - failuresBefore);
        print("reloads", reloads);
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

    /** Calls in a loop (back to back or with a pause), recording each call's start and latency; counts failures instead of stopping. */
    private final class Caller extends Thread {

        long[] starts = new long[1 << 16];
        long[] latencies = new long[1 << 16];
        int count;
        private Object lastService;
        private MethodHandle greeting;

        Caller() {
            super("reload-caller");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long started = System.nanoTime();
                try {
                    Object service = contract.getService();
                    if (service == null) {
                        failures.incrementAndGet();
                        continue;
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
                        continue;
                    }
                } catch (Throwable e) {
                    failures.incrementAndGet();
                    System.err.println("call failed: " + e);
                    continue;
                }
                record(started, System.nanoTime() - started);
                if (pauseNanos > 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
        }

        private void record(long started, long latency) {
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                latencies = java.util.Arrays.copyOf(latencies, count * 2);
            }
            starts[count] = started;
            latencies[count] = latency;
            count++;
        }
    }
}
