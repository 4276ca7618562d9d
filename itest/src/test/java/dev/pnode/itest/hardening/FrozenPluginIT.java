package dev.pnode.itest.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginStatus;
import dev.pnode.api.observation.PluginObserver;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.helloworld.HelloWorldException;
import dev.pnode.itest.osgi.PluginStates;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
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
 * A plugin process that stops answering altogether (SIGSTOP: alive, its socket open, nothing served): a call to it
 * ends at its deadline with a clear error, and the health checks get it killed and restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrozenPluginIT {

    /** The host's default call deadline, plus slack for a loaded machine. */
    private static final long CALL_BOUND_MILLIS = 10_000 + 5_000;

    @Inject
    private BundleContext context;

    @Inject
    private PluginRegistry registry;

    @Inject
    private HelloWorld initial;

    @Configuration
    public Option[] config() {
        return dev.pnode.itest.osgi.PnodeContainer.node(List.of("pnode"),
                dev.pnode.itest.osgi.PnodeContainer.defaultPluginSettings("en"));
    }

    @Test
    public void aFrozenPluginFailsCallsAtTheirDeadlineAndIsKilledAndRestarted() throws Exception {
        ObservedEvents observed = new ObservedEvents();
        context.registerService(PluginObserver.class, observed, null);
        assertEquals("Hello before!", initial.greeting("before"));
        long frozen = PluginStates.awaitRunning(registry, "helloworld").pid().orElseThrow();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start().waitFor());
        try {
            long start = System.nanoTime();
            String failure;
            try {
                failure = "answered: " + initial.greeting("frozen");
            } catch (HelloWorldException e) {
                failure = e.getMessage();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("the call took " + millis + " ms", millis < CALL_BOUND_MILLIS);
            assertTrue(failure, failure.startsWith("plugin helloworld: greeting failed: "));

            PluginStatus restarted = PluginStates.await(registry, "helloworld", status -> status.restarts() >= 1
                    && status.pid().isPresent() && status.pid().getAsLong() != frozen, "a restarted process");
            assertTrue(restarted.toString(), restarted.lastError().orElse("").contains("health checks in a row failed"));
            // what the metrics are told: the failed call, the failed health checks, the new process's start
            assertTrue(observed.toString(), observed.events.stream().anyMatch(event ->
                    event.startsWith("call helloworld proto.PluginGreeting/Greeting ") && !event.endsWith(" OK")));
            assertTrue(observed.toString(), observed.events.stream()
                    .filter(event -> event.equals("health check failed helloworld")).count() >= 2);
            assertTrue(observed.toString(), observed.events.contains("started helloworld"));
            assertTrue("the frozen process was killed", ProcessHandle.of(frozen).map(process -> process.onExit()
                    .thenApply(exited -> true).completeOnTimeout(false, 30, TimeUnit.SECONDS).join()).orElse(true));
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(frozen)).start().waitFor();
        }
        ServiceTracker<HelloWorld, HelloWorld> helloWorld = new ServiceTracker<>(context, HelloWorld.class, null);
        helloWorld.open();
        try {
            assertEquals("Hello after!", helloWorld.waitForService(30_000).greeting("after"));
        } finally {
            helloWorld.close();
        }
    }

    /** A whiteboard observer like the metrics bundle's, recording what the host tells it. */
    private static final class ObservedEvents implements PluginObserver {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void pluginCallEnded(String interfaceKey, String plugin, String method, String grpcStatus,
                Duration duration) {
            events.add("call " + interfaceKey + " " + method + " " + grpcStatus);
        }

        @Override
        public void pluginHealthCheckFailed(String interfaceKey, String plugin) {
            events.add("health check failed " + interfaceKey);
        }

        @Override
        public void pluginStarted(String interfaceKey, String plugin, Duration duration) {
            events.add("started " + interfaceKey);
        }

        @Override
        public void pluginDownloadEnded(String plugin, String version, String outcome) {
            events.add("download " + plugin + " " + outcome);
        }

        @Override
        public String toString() {
            return events.toString();
        }
    }
}
