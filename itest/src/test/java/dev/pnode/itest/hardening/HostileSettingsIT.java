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
import dev.pnode.itest.osgi.PluginStates;
import dev.pnode.itest.osgi.PluginZips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
        servingPid = PluginStates.awaitRunning(registry, "helloworld").pid().orElseThrow();
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

    /**
     * A helloworld 2.0.0 zip with a good plugin-meta.json and one entry whose name climbs out of any directory: the
     * host checks entry names before anything else, so nothing more is needed to be refused for it.
     */
    private static void slipZip(Path zip, String slipPath) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("plugin-meta.json"));
            out.write(("{\"name\":\"helloworld\",\"version\":\"2.0.0\",\"entrypoint\":\"helloworld\","
                    + "\"parameters\":[]}").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(slipPath));
            out.write("pwned".getBytes(StandardCharsets.UTF_8));
        }
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
        // early in the node's life the host still waits for interface bundles to come; then it reports them missing
        assertTrue(outcome.toString(), outcome.get("nosuchthing").startsWith("not started"));
        assertFalse(outcome.toString(), outcome.containsKey("helloworld"));
        PluginStates.await(registry, "nosuchthing", status -> status.state() == PluginState.FAILED
                && status.lastError().orElse("").contains("no bundle provides plugin interface 'nosuchthing'"),
                "state FAILED naming the missing interface");
        assertStillServing();
    }

    @Test
    public void aZipSlipZipIsRefusedAndWritesNothingOutside() throws Exception {
        Path baseDir = Files.createTempDirectory("pnode-hostile-");
        Path escaped = baseDir.getParent().resolve("pnode-escaped-" + baseDir.getFileName());
        slipZip(baseDir.resolve("helloworld-2.0.0.zip"), "../../../../../../../../" + escaped.toString().substring(1));
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
        Files.copy(PluginZips.example("helloworld-1.0.0.zip"), baseDir.resolve("helloworld-3.0.0.zip"));
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
