package dev.pnode.launcher.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.PluginVerification;
import dev.pnode.launcher.logging.LogOutputFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;

/**
 * A node started twice on one data directory, with the real features file's {@code pnode-runtime} feature: the
 * second start keeps Felix's bundle cache and still starts as a fresh cache would, whatever the first run changed.
 */
public class KeptBundleCacheTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aRestartKeepsTheCacheAndUndoesWhatTheLastRunChanged() throws Exception {
        Path home = TestHome.create(temp.newFolder("home").toPath());
        Path dataDir = temp.getRoot().toPath().resolve("data");
        Node first = boot(home, dataDir);
        long installedAt;
        String extraLocation = home.resolve(Node.SYSTEM_REPOSITORY)
                .resolve("com/google/code/gson/gson/2.15.0/gson-2.15.0.jar").toUri().toString();
        try {
            Bundle gogoCommand = bundle(first, "org.apache.felix.gogo.command");
            installedAt = gogoCommand.getLastModified();
            gogoCommand.stop();
            bundle(first, "org.apache.felix.gogo.jline").start();
            first.framework().getBundleContext().installBundle(extraLocation).start();
            File stored = bundle(first, "org.apache.felix.log").getBundleContext().getDataFile("stored");
            Files.writeString(stored.toPath(), "from the first run");
        } finally {
            assertTrue(first.stop());
        }

        Node second = boot(home, dataDir);
        try {
            assertEquals("the cached bundle was not installed again", installedAt,
                    bundle(second, "org.apache.felix.gogo.command").getLastModified());
            assertEquals("stopped at run time, started again", Bundle.ACTIVE,
                    bundle(second, "org.apache.felix.gogo.command").getState());
            assertFalse("start=\"false\" in the features, whatever the last run did",
                    bundle(second, "org.apache.felix.gogo.jline").getState() == Bundle.ACTIVE);
            assertNull("installed at run time, gone", second.framework().getBundleContext().getBundle(extraLocation));
            assertFalse("bundle data does not outlive a start", bundle(second, "org.apache.felix.log")
                    .getBundleContext().getDataFile("stored").exists());
            assertEquals("pnode-runtime and pnode-console", 12, second.bundles().size());
        } finally {
            assertTrue(second.stop());
        }
    }

    private static Node boot(Path home, Path dataDir) throws Exception {
        NodeSettings settings = new NodeSettings(home, dataDir, dataDir.resolve("pnode.ipc"), Duration.ofSeconds(10),
                Optional.empty(), PluginVerification.NONE, 2, new NodeSettings.Logging(LogOutputFormat.TEXT, 10, 5),
                new NodeSettings.Http(false, "127.0.0.1", 18545, "rpc"), Map.of(),
                new NodeSettings.Metrics(false, "127.0.0.1", 6060),
                List.of("pnode-runtime", "pnode-console"), List.of(home.resolve("etc/features.xml")), false);
        Node node = Node.prepare(settings, DataDirectory.prepare(dataDir));
        node.start();
        return node;
    }

    private static Bundle bundle(Node node, String symbolicName) {
        for (Bundle bundle : node.framework().getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
