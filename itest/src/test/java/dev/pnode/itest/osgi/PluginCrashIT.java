package dev.pnode.itest.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.util.tracker.ServiceTracker;

/** A plugin process killed with SIGKILL under a running node: withdrawn at once, reported, restarted. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginCrashIT {

    @Inject
    private BundleContext context;

    @Inject
    private HelloWorld helloWorld;

    @Inject
    private PluginRegistry registry;

    @Configuration
    public Option[] config() {
        return PnodeContainer.node(List.of("pnode"), PnodeContainer.defaultPluginSettings("en"));
    }

    @Test
    public void aKilledPluginIsWithdrawnReportedWithItsExitAndRestarted() throws Exception {
        assertEquals("Hello before!", helloWorld.greeting("before"));
        PluginStatus running = registry.plugin("helloworld").orElseThrow();
        long pid = running.pid().orElseThrow();

        CountDownLatch withdrawn = new CountDownLatch(1);
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                withdrawn.countDown();
            }
        };
        context.addServiceListener(listener, "(objectClass=" + HelloWorld.class.getName() + ")");
        try {
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            assertTrue("the contract service was not withdrawn after the plugin died",
                    withdrawn.await(30, TimeUnit.SECONDS));
        } finally {
            context.removeServiceListener(listener);
        }

        PluginStatus afterCrash = PluginStates.await(registry, "helloworld",
                status -> status.lastError().isPresent(),
                "a last error");
        assertTrue(afterCrash.toString(), afterCrash.lastError().orElseThrow().contains("signal 9"));

        PluginStatus restarted = PluginStates.await(registry, "helloworld", status -> status.restarts() >= 1
                && status.pid().isPresent() && status.pid().getAsLong() != pid, "a restarted process");
        assertTrue(restarted.toString(), ProcessHandle.of(restarted.pid().getAsLong()).isPresent());

        ServiceTracker<HelloWorld, HelloWorld> tracker = new ServiceTracker<>(context, HelloWorld.class, null);
        tracker.open();
        try {
            HelloWorld again = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
            assertEquals("Hello after!", again.greeting("after"));
        } finally {
            tracker.close();
        }
    }
}
