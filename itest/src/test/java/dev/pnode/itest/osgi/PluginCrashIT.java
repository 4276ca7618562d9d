package dev.pnode.itest.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import java.util.List;
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

/**
 * A plugin process killed with SIGKILL under a running node: reported and restarted at once, while its contract
 * service stays available (the new process's registration comes before the old one goes) and a call made right
 * after the kill waits for the new process and succeeds.
 */
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
    public void aCallRightAfterAPluginIsKilledWaitsForItsRestartAndTheCrashIsReported() throws Exception {
        assertEquals("Hello before!", helloWorld.greeting("before"));
        PluginStatus running = registry.plugin("helloworld").orElseThrow();
        long pid = running.pid().orElseThrow();

        // the restarted process gets a fresh registration before the old one goes: the service is never absent
        List<Integer> servicesWhileOneGoes = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                try {
                    servicesWhileOneGoes.add((int) context.getServiceReferences(HelloWorld.class, null).stream()
                            .filter(other -> !other.equals(event.getServiceReference())).count());
                } catch (org.osgi.framework.InvalidSyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        context.addServiceListener(listener, "(objectClass=" + HelloWorld.class.getName() + ")");
        try {
            ProcessHandle killed = ProcessHandle.of(pid).orElseThrow();
            killed.destroyForcibly();
            killed.onExit().get(30, TimeUnit.SECONDS);
            // a call still on its way to the dying process fails; one made once the host saw the exit waits
            PluginStates.await(registry, "helloworld", status -> status.pid().stream().noneMatch(p -> p == pid),
                    "the host noticed the exit");

            assertEquals("the call waits for the restarted process", "Hello after!", helloWorld.greeting("after"));
        } finally {
            context.removeServiceListener(listener);
        }
        assertTrue("the contract service was absent during the restart: " + servicesWhileOneGoes,
                servicesWhileOneGoes.stream().allMatch(others -> others >= 1));

        PluginStatus restarted = PluginStates.await(registry, "helloworld", status -> status.restarts() >= 1
                && status.pid().isPresent() && status.pid().getAsLong() != pid, "a restarted process");
        assertTrue(restarted.toString(), restarted.lastError().orElseThrow().contains("signal 9"));
        assertTrue(restarted.toString(), ProcessHandle.of(restarted.pid().getAsLong()).isPresent());
    }
}
