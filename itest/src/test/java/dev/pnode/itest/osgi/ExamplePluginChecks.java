package dev.pnode.itest.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import javax.inject.Inject;
import org.junit.Test;

/**
 * What every helloworld plugin must do under the node, whatever language it is written in: the subclasses run
 * the Go (go-plugin itself) and Node.js examples unmodified, configured for Spanish.
 */
public abstract class ExamplePluginChecks {

    @Inject
    private HelloWorld helloWorld;

    @Inject
    private PluginRegistry registry;

    protected abstract String pluginName();

    @Test
    public void answersThroughTheContractWithItsConfiguredLanguage() {
        assertEquals("Hola mundo!", helloWorld.greeting("mundo"));
    }

    @Test
    public void runsAsItsOwnProcessAndIsReportedRunning() throws InterruptedException {
        PluginStatus status = PluginStates.awaitRunning(registry, "helloworld");
        assertEquals(pluginName(), status.name());
        long pid = status.pid().orElseThrow();
        assertTrue("plugin process " + pid + " is alive",
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue("plugin process " + pid + " is not the node's JVM", pid != ProcessHandle.current().pid());
    }
}
