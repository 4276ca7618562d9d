package dev.pnode.itest.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.itest.osgi.PluginStates;
import dev.pnode.itest.osgi.PluginZips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * An optional provider whose zip is missing does not fail the node; once the zip appears, {@code reloadAll()} starts
 * it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OptionalProviderIT {

    /** Relative to the settings file, i.e. inside the node's fresh data directory. */
    private static final String BASE_DIR = "optional-plugins";

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    @Configuration
    public Option[] config() {
        return dev.pnode.itest.osgi.PnodeContainer.node(List.of("pnode"), "{\"baseDir\":\"" + BASE_DIR + "\","
                + "\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                + "\"config\":{\"language\":\"es\"},\"optional\":true}}}");
    }

    @Test
    public void anOptionalPluginThatCannotStartLeavesTheNodeReadyAndStartsOnceItsZipAppears() throws Exception {
        PluginStatus missing = PluginStates.await(registry, "helloworld",
                status -> status.lastError().orElse("").contains("not found"), "an error saying the zip is missing");
        assertTrue(missing.toString(), missing.state() != PluginState.RUNNING);
        assertEquals("the node is ready without its optional plugin", "ready", readiness());
        assertEquals(0, context.getServiceReferences(HelloWorld.class, null).size());

        Path baseDir = Path.of(context.getProperty("pnode.plugins")).resolveSibling(BASE_DIR);
        Files.createDirectories(baseDir);
        Files.copy(PluginZips.example("helloworld-1.0.0.zip"), baseDir.resolve("helloworld-1.0.0.zip"));
        Map<String, String> outcome = admin.reloadAll();

        assertEquals("started, unless a retry got there first", "started",
                outcome.getOrDefault("helloworld", "started"));
        assertEquals(PluginState.RUNNING, PluginStates.awaitRunning(registry, "helloworld").state());
        ServiceTracker<HelloWorld, HelloWorld> helloWorld = new ServiceTracker<>(context, HelloWorld.class, null);
        helloWorld.open();
        try {
            assertEquals("Hola mundo!", helloWorld.waitForService(30_000).greeting("mundo"));
        } finally {
            helloWorld.close();
        }
        assertEquals("ready", readiness());
    }

    private String readiness() {
        ServiceReference<PluginRegistry> reference = context.getServiceReference(PluginRegistry.class);
        return String.valueOf(reference.getProperty("pnode.readiness"));
    }
}
