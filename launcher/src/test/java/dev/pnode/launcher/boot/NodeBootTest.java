package dev.pnode.launcher.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.PluginVerification;
import dev.pnode.launcher.logging.LogOutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Boots a real Felix with the {@code pnode-runtime} feature of the real features file, from a temporary
 * pnode.home whose system/ is the local Maven repository.
 */
public class NodeBootTest {

    @ClassRule
    public static final TemporaryFolder TEMP = new TemporaryFolder();

    private static Node node;
    private static Path dataDir;

    @BeforeClass
    public static void boot() throws Exception {
        Path home = TestHome.create(TEMP.newFolder("home").toPath());
        dataDir = TEMP.getRoot().toPath().resolve("data");
        NodeSettings settings = new NodeSettings(home, dataDir, dataDir.resolve("pnode.ipc"), Duration.ofSeconds(10),
                Optional.empty(), PluginVerification.NONE, 2, new NodeSettings.Logging(LogOutputFormat.TEXT, 10, 5),
                new NodeSettings.Http(true, "127.0.0.1", 18545, "rpc,plugin@*"), Map.of(),
                new NodeSettings.Metrics(false, "127.0.0.1", 6060),
                List.of("pnode-runtime"), List.of(home.resolve("etc/features.xml")), false);
        node = Node.prepare(settings, DataDirectory.prepare(dataDir));
        node.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (node != null) {
            assertTrue("framework stopped in time", node.stop());
            assertEquals(Bundle.RESOLVED, node.framework().getState());
        }
    }

    @Test
    public void everyBundleOfTheFeatureIsActive() {
        assertEquals(9, node.bundles().size());
        for (Bundle bundle : node.bundles()) {
            assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void declarativeServicesAndTheShellRun() throws Exception {
        BundleContext context = node.framework().getBundleContext();

        // all references: the system bundle does not import these packages
        assertNotNull(context.getAllServiceReferences("org.osgi.service.component.runtime.ServiceComponentRuntime",
                null));
        assertNotNull(context.getAllServiceReferences("org.apache.felix.service.command.CommandProcessor", null));
    }

    @Test
    public void bundlesSeeTheNodesFrameworkProperties() throws Exception {
        BundleContext context = node.framework().getBundleContext();

        assertEquals(dataDir.toString(), context.getProperty("pnode.datadir"));
        assertEquals(dataDir.resolve("pnode.ipc").toString(), context.getProperty("pnode.ipc.path"));
        assertEquals(Files.readString(dataDir.resolve("node.id")).strip(), context.getProperty("pnode.identity"));
        assertEquals("true", context.getProperty("pnode.http.enabled"));
        assertEquals("18545", context.getProperty("pnode.http.port"));
        assertEquals("127.0.0.1", context.getProperty("pnode.http.host"));
        assertEquals("rpc,plugin@*", context.getProperty("pnode.http.api"));
        assertEquals(null, context.getProperty("pnode.plugins"));
        assertEquals("--nointeractive", context.getProperty("gosh.args"));
    }

    @Test
    public void aServiceStillStartingHoldsTheBootUntilTheTimeoutAndIsNamed() {
        ServiceRegistration<Object> starting = register("starting", "loading plugins");
        try {
            BootException error = assertThrows(BootException.class,
                    () -> Readiness.await(node.framework().getBundleContext(), Duration.ofMillis(300)));

            assertTrue(error.getMessage(), error.getMessage().contains("still starting"));
            assertTrue(error.getMessage(), error.getMessage().contains("java.lang.Object"));
            assertTrue(error.getMessage(), error.getMessage().contains("loading plugins"));
        } finally {
            starting.unregister();
        }
    }

    @Test
    public void aFailedServiceFailsTheBootWithItsMessage() {
        ServiceRegistration<Object> failed = register("failed", "plugin helloworld: no such file");
        try {
            BootException error = assertThrows(BootException.class,
                    () -> Readiness.await(node.framework().getBundleContext(), Duration.ofSeconds(10)));

            assertTrue(error.getMessage(), error.getMessage().contains("failed: plugin helloworld: no such file"));
        } finally {
            failed.unregister();
        }
    }

    @Test
    public void aServiceThatBecomesReadyReleasesTheBoot() throws Exception {
        ServiceRegistration<Object> service = register("starting", "");
        Thread ready = new Thread(() -> {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(Readiness.PROPERTY, "ready");
            service.setProperties(properties);
        });
        try {
            ready.start();
            Readiness.await(node.framework().getBundleContext(), Duration.ofSeconds(30));
        } finally {
            ready.join();
            service.unregister();
        }
    }

    private static ServiceRegistration<Object> register(String readiness, String message) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Readiness.PROPERTY, readiness);
        properties.put(Readiness.MESSAGE, message);
        return node.framework().getBundleContext().registerService(Object.class, new Object(), properties);
    }
}
