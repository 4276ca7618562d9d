package dev.pnode.itest.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.itest.osgi.PluginStates;
import dev.pnode.itest.osgi.PnodeContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real plugin of another interface configured under a key (same handshake, other gRPC services): its start fails at
 * once naming the plugin, the interface and the service it lacks, whether it lists its services through gRPC
 * reflection (the Java SDK) or not (Go plugins built with go-plugin 1.0.1, answering "unknown service"); the
 * helloworld plugin beside it keeps serving from the same process.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WrongPluginIT {

    private static final String KEY = "wrongkey";
    private static final String NEEDED = "kvstore.KeyValueStore";

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    private ServiceTracker<HelloWorld, HelloWorld> helloWorld;
    private ServiceRegistration<PluginInterface> wrongInterface;
    private Path settings;
    private String goodSettings;
    private long servingPid;

    @Configuration
    public Option[] config() {
        return PnodeContainer.node(List.of("pnode"), PnodeContainer.examplePluginSettings("helloworld", "en"));
    }

    @Before
    public void rememberTheServingPlugin() throws Exception {
        helloWorld = new ServiceTracker<>(context, HelloWorld.class, null);
        helloWorld.open();
        servingPid = PluginStates.awaitRunning(registry, "helloworld").pid().orElseThrow();
        settings = Path.of(context.getProperty("pnode.plugins"));
        goodSettings = Files.readString(settings);
        wrongInterface = context.registerService(PluginInterface.class,
                new ProblemInterface(KEY, List.of("proto_common.PluginInitializer", NEEDED)), null);
    }

    @After
    public void restoreTheSettings() throws Exception {
        Files.writeString(settings, goodSettings);
        admin.reloadAll();
        wrongInterface.unregister();
        helloWorld.close();
    }

    /** Adds {@code pluginName} 1.0.0 from the example plugins under {@link #KEY}; returns what reloadAll() said. */
    private String configureUnderTheWrongKey(String pluginName) throws Exception {
        JsonObject withWrongPlugin = JsonParser.parseString(goodSettings).getAsJsonObject();
        JsonObject provider = new JsonObject();
        provider.addProperty("name", pluginName);
        provider.addProperty("version", "1.0.0");
        withWrongPlugin.getAsJsonObject("providers").add(KEY, provider);
        Files.writeString(settings, withWrongPlugin.toString());
        return admin.reloadAll().get(KEY);
    }

    private void assertRefused(String outcome, String pluginName) throws Exception {
        assertTrue(outcome, outcome.contains(pluginName + " 1.0.0 does not serve gRPC service " + NEEDED));
        assertTrue(outcome, outcome.contains("which plugin interface '" + KEY + "'"));
        PluginStatus status = registry.plugin(KEY).orElseThrow();
        assertEquals(PluginState.FAILED, status.state());
        assertTrue(status.lastError().orElse(""), status.lastError().orElse("").contains(NEEDED));
        assertEquals(PluginState.RUNNING, registry.plugin("helloworld").orElseThrow().state());
        assertEquals("the same process serves", servingPid,
                registry.plugin("helloworld").orElseThrow().pid().orElseThrow());
        assertEquals("Hello still!", helloWorld.waitForService(10_000).greeting("still"));
    }

    @Test
    public void aJavaPluginListingOtherServicesIsRefusedNamingWhatItServes() throws Exception {
        String outcome = configureUnderTheWrongKey("helloworld");

        assertRefused(outcome, "helloworld");
        assertTrue("its services are listed: " + outcome, outcome.contains("proto.PluginGreeting"));
    }

    @Test
    public void aGoPluginWithoutReflectionIsRefusedFromItsAnswer() throws Exception {
        String outcome = configureUnderTheWrongKey("helloworld-go");

        assertRefused(outcome, "helloworld-go");
        assertTrue(outcome, outcome.contains("(it answers: unknown service)"));
    }
}
