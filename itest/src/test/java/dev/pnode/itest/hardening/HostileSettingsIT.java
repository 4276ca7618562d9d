package dev.pnode.itest.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.helloworld.HelloWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Broken settings given to a running node's {@code reloadAll()}: each is refused with a message that says what is
 * wrong, and the running plugin keeps serving from the same process.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HostileSettingsIT {

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    private ServiceTracker<HelloWorld, HelloWorld> helloWorld;
    private Path settings;
    private String goodSettings;
    private long servingPid;

    @Configuration
    public Option[] config() {
        return dev.pnode.itest.osgi.PnodeContainer.node(List.of("pnode"),
                dev.pnode.itest.osgi.PnodeContainer.defaultPluginSettings("en"));
    }

    @Before
    public void rememberTheServingPlugin() throws Exception {
        helloWorld = new ServiceTracker<>(context, HelloWorld.class, null);
        helloWorld.open();
        servingPid = RunningNode.awaitRunning(registry, "helloworld").pid().orElseThrow();
        settings = Path.of(context.getProperty("pnode.plugins"));
        goodSettings = Files.readString(settings);
    }

    @After
    public void restoreTheSettings() throws Exception {
        Files.writeString(settings, goodSettings);
        admin.reloadAll();
        helloWorld.close();
    }

    private void assertStillServing() throws Exception {
        assertEquals(PluginState.RUNNING, registry.plugin("helloworld").orElseThrow().state());
        assertEquals("the same process serves", servingPid, registry.plugin("helloworld").orElseThrow().pid().orElseThrow());
        assertEquals("Hello still!", helloWorld.waitForService(10_000).greeting("still"));
    }

    private String refusal(String hostileSettings) throws Exception {
        Files.writeString(settings, hostileSettings);
        String message = assertThrows(PluginException.class, () -> admin.reloadAll()).getMessage();
        assertTrue(message, message.contains(settings.toString()));
        return message;
    }

    /** The default settings with the helloworld provider pointing at another zip in {@code baseDir}. */
    private String helloworldFrom(Path baseDir, String version) {
        return "{\"baseDir\":\"" + baseDir + "\",\"providers\":{\"helloworld\":{\"name\":\"helloworld\","
                + "\"version\":\"" + version + "\",\"config\":{\"language\":\"en\"}}}}";
    }

    @Test
    public void badJsonIsRefused() throws Exception {
        String message = refusal("{\"providers\": {\"helloworld\": ");
        assertTrue(message, message.contains("invalid JSON"));
        assertTrue(message, message.contains("line 1"));
        assertStillServing();
    }

    @Test
    public void aMissingVersionIsRefused() throws Exception {
        String message = refusal(goodSettings.replaceAll("\"version\":\"[^\"]*\",", ""));
        assertTrue(message, message.contains("providers.helloworld.version: is required"));
        assertStillServing();
    }

    @Test
    public void aBadRestartPolicyIsRefused() throws Exception {
        String message = refusal(goodSettings.replace("\"version\":", "\"restart\":{\"maxRestarts\":-1},\"version\":"));
        assertTrue(message, message.contains("providers.helloworld.restart.maxRestarts: must be a whole number"));
        assertStillServing();
    }

    @Test
    public void anUnknownInterfaceIsReportedAndDoesNotDisturbTheOthers() throws Exception {
        Files.writeString(settings, goodSettings.replace("\"providers\":{", "\"providers\":{\"nosuchthing\":"
                + "{\"name\":\"nosuchthing\",\"version\":\"1.0.0\"},"));
        Map<String, String> outcome = admin.reloadAll();
        assertTrue(outcome.toString(), outcome.get("nosuchthing").contains(
                "no bundle provides plugin interface 'nosuchthing'"));
        assertFalse(outcome.toString(), outcome.containsKey("helloworld"));
        assertEquals(PluginState.FAILED, registry.plugin("nosuchthing").orElseThrow().state());
        assertStillServing();
    }

    @Test
    public void aZipSlipZipIsRefusedAndWritesNothingOutside() throws Exception {
        Path baseDir = Files.createTempDirectory("pnode-hostile-");
        Path escaped = baseDir.getParent().resolve("pnode-escaped-" + baseDir.getFileName());
        RunningNode.helloworldZip(baseDir, "2.0.0", "2.0.0",
                Map.of("../../../../../../../../" + escaped.toString().substring(1), "pwned"));
        Files.writeString(settings, helloworldFrom(baseDir, "2.0.0"));

        String outcome = admin.reloadAll().get("helloworld");

        assertTrue(outcome, outcome.contains("keeps serving"));
        assertTrue(outcome, outcome.contains(".."));
        assertFalse("an entry escaped the work directory", Files.exists(escaped));
        assertStillServing();
    }

    @Test
    public void aZipWhosePluginMetaLiesIsRefused() throws Exception {
        Path baseDir = Files.createTempDirectory("pnode-hostile-");
        RunningNode.helloworldZip(baseDir, "3.0.0", "1.0.0", Map.of());
        Files.writeString(settings, helloworldFrom(baseDir, "3.0.0"));

        String outcome = admin.reloadAll().get("helloworld");

        assertTrue(outcome, outcome.contains("keeps serving"));
        assertTrue(outcome, outcome.contains("plugin-meta.json"));
        assertTrue(outcome, outcome.contains("1.0.0"));
        assertStillServing();
    }

    @Test
    public void aMissingZipIsRefused() throws Exception {
        Path baseDir = Files.createTempDirectory("pnode-hostile-");
        Files.writeString(settings, helloworldFrom(baseDir, "4.0.0"));

        String outcome = admin.reloadAll().get("helloworld");

        assertTrue(outcome, outcome.contains("keeps serving"));
        assertTrue(outcome, outcome.contains("helloworld-4.0.0.zip"));
        assertStillServing();
    }
}
