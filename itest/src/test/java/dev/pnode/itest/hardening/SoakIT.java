package dev.pnode.itest.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.helloworld.HelloWorldException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A bounded soak: concurrent callers through the HelloWorld contract while the plugin is SIGKILLed and reloaded at
 * random. Every call must succeed or fail with a clear error naming the plugin, none may outlive its deadline, and
 * the node must not leak threads, file descriptors or heap across dozens of plugin processes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SoakIT {

    private static final System.Logger LOG = System.getLogger(SoakIT.class.getName());

    private static final int CALLERS = 6;
    private static final Duration SOAK = Duration.ofSeconds(70);
    /** How long a caller waits for the contract service to come back before it counts "no service". */
    private static final long SERVICE_WAIT_MILLIS = 2_000;
    /** The host's default call deadline plus slack for a loaded machine; a call lasting longer counts as hung. */
    private static final Duration HUNG_AFTER = Duration.ofSeconds(10 + 5);
    private static final int THREAD_TOLERANCE = 10;
    private static final long DESCRIPTOR_TOLERANCE = 16;
    private static final long HEAP_TOLERANCE_BYTES = 96L * 1024 * 1024;

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    private ServiceTracker<HelloWorld, HelloWorld> helloWorld;

    /** What became of the calls, by kind: ok, no service, and each kind of clear failure. */
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Queue<String> unclearFailures = new ConcurrentLinkedQueue<>();
    private final AtomicLong hungCalls = new AtomicLong();
    private final AtomicLong longestCallMillis = new AtomicLong();

    @Configuration
    public Option[] config() {
        // many crashes in a short time: a generous limit and short waits, so the plugin is always restarted
        return dev.pnode.itest.osgi.PnodeContainer.node(List.of("pnode"),
                RunningNode.defaultSettingsWithRestartPolicy(1000, "10m", "2s"));
    }

    @Before
    public void track() throws InterruptedException {
        helloWorld = new ServiceTracker<>(context, HelloWorld.class, null);
        helloWorld.open();
        RunningNode.awaitRunning(registry, "helloworld");
    }

    @After
    public void untrack() {
        helloWorld.close();
    }

    @Test
    public void callsSucceedOrFailClearlyWhileThePluginIsKilledAndReloadedAndNothingLeaks() throws Exception {
        // warm up: the first kill, restart and reload create pools and classes that then stay for good
        assertEquals("Hello warm!", helloWorld.waitForService(SERVICE_WAIT_MILLIS).greeting("warm"));
        kill();
        RunningNode.await(registry, "helloworld", status -> status.restarts() >= 1
                && status.state() == dev.pnode.api.PluginState.RUNNING, "restarted after the warm-up kill");
        admin.reload("helloworld");
        settle();
        int threadsBefore = RunningNode.threads();
        long descriptorsBefore = RunningNode.openFileDescriptors();
        long heapBefore = RunningNode.heapUsedAfterGc();
        int restartsBefore = registry.plugin("helloworld").orElseThrow().restarts();

        AtomicBoolean soaking = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            String name = "caller" + i;
            callers.execute(() -> {
                while (soaking.get()) {
                    callOnce(name);
                }
            });
        }
        Map<String, Integer> chaos = new TreeMap<>();
        Random random = new Random();
        long end = System.nanoTime() + SOAK.toNanos();
        try {
            while (System.nanoTime() < end) {
                Thread.sleep(1_000 + random.nextInt(3_000));
                if (random.nextInt(10) < 6) {
                    chaos.merge(kill() ? "SIGKILL" : "SIGKILL while down", 1, Integer::sum);
                } else {
                    chaos.merge(reload() ? "reload" : "reload refused", 1, Integer::sum);
                }
            }
        } finally {
            soaking.set(false);
            callers.shutdown();
        }
        boolean callersFinished = callers.awaitTermination(HUNG_AFTER.toSeconds() * 2, TimeUnit.SECONDS);

        RunningNode.awaitRunning(registry, "helloworld");
        assertEquals("Hello after!", helloWorld.waitForService(SERVICE_WAIT_MILLIS * 10).greeting("after"));
        settle();
        int threadsAfter = RunningNode.threads();
        long descriptorsAfter = RunningNode.openFileDescriptors();
        long heapAfter = RunningNode.heapUsedAfterGc();
        int restarts = registry.plugin("helloworld").orElseThrow().restarts() - restartsBefore;

        LOG.log(System.Logger.Level.INFO, "soak {0} s, {1} callers: calls {2}; chaos {3}; restarts {4};"
                + " hung {5}; longest call {6} ms; threads {7} -> {8}; fds {9} -> {10}; heap after GC {11} -> {12} KiB",
                SOAK.toSeconds(), CALLERS, new TreeMap<>(outcomes), chaos, restarts, hungCalls.get(),
                longestCallMillis.get(), threadsBefore, threadsAfter, descriptorsBefore, descriptorsAfter,
                heapBefore / 1024, heapAfter / 1024);
        assertTrue("callers still blocked " + HUNG_AFTER.toSeconds() * 2 + " s after the soak ended", callersFinished);
        assertEquals("calls that lasted longer than " + HUNG_AFTER, 0, hungCalls.get());
        assertEquals("failures that do not say what failed", List.of(), List.copyOf(unclearFailures));
        assertTrue("no call succeeded: " + outcomes, outcomes.getOrDefault("ok", new LongAdder()).sum() > 0);
        assertTrue("the chaos did nothing: " + chaos, chaos.getOrDefault("SIGKILL", 0) > 0);
        assertTrue("threads leaked: " + threadsBefore + " before, " + threadsAfter + " after",
                threadsAfter <= threadsBefore + THREAD_TOLERANCE);
        assertTrue("file descriptors leaked: " + descriptorsBefore + " before, " + descriptorsAfter + " after",
                descriptorsAfter <= descriptorsBefore + DESCRIPTOR_TOLERANCE);
        assertTrue("heap grew: " + heapBefore / 1024 + " KiB before, " + heapAfter / 1024 + " KiB after",
                heapAfter <= heapBefore + HEAP_TOLERANCE_BYTES);
    }

    private void callOnce(String name) {
        long start = System.nanoTime();
        String outcome;
        try {
            HelloWorld service = helloWorld.waitForService(SERVICE_WAIT_MILLIS);
            if (service == null) {
                outcome = "no service";
            } else {
                String greeting = service.greeting(name);
                if (greeting.equals("Hello " + name + "!")) {
                    outcome = "ok";
                } else {
                    unclearFailures.add("wrong answer: " + greeting);
                    outcome = "wrong answer";
                }
            }
        } catch (HelloWorldException e) {
            outcome = clearFailureKind(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            unclearFailures.add(e.toString());
            outcome = "unclear";
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        longestCallMillis.accumulateAndGet(millis, Math::max);
        if (millis > HUNG_AFTER.toMillis()) {
            hungCalls.incrementAndGet();
        }
        outcomes.computeIfAbsent(outcome, kind -> new LongAdder()).increment();
    }

    /** A clear failure names the plugin; the kind is the gRPC status it reports (UNAVAILABLE, CANCELLED ...). */
    private String clearFailureKind(HelloWorldException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains("helloworld")) {
            unclearFailures.add(message);
            return "unclear";
        }
        for (String code : new String[] {"UNAVAILABLE", "CANCELLED", "DEADLINE_EXCEEDED", "UNKNOWN", "INTERNAL",
                "ABORTED", "RESOURCE_EXHAUSTED"}) {
            if (message.contains(code)) {
                return "failed " + code;
            }
        }
        return "failed other";
    }

    /** SIGKILLs the running plugin process; false when none was running at that moment. */
    private boolean kill() {
        return registry.plugin("helloworld").orElseThrow().pid().stream().boxed().findFirst()
                .flatMap(ProcessHandle::of).map(ProcessHandle::destroyForcibly).orElse(false);
    }

    private boolean reload() {
        try {
            admin.reload("helloworld");
            return true;
        } catch (PluginException e) {
            LOG.log(System.Logger.Level.INFO, "reload refused during the soak: {0}", e.getMessage());
            return false;
        }
    }

    /** Lets replaced processes finish draining (5 s by default) and their channels close. */
    private void settle() throws InterruptedException {
        Thread.sleep(8_000);
    }
}
