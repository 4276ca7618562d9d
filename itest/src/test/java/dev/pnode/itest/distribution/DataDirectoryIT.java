package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Without {@code --datadir} the node keeps its data in {@code $HOME/.pnode}, wherever it is started from. */
public class DataDirectoryIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theDefaultDataDirectoryIsInHomeAndTheDistributionsSettingsWorkFromAnyDirectory() throws Exception {
        Path userHome = temp.newFolder("user").toPath();
        Path elsewhere = temp.newFolder("elsewhere").toPath();
        Map<String, String> environment = Map.of("HOME", userHome.toString());

        try (NodeProcess node = NodeProcess.start(environment, elsewhere, "--nointeractive")) {
            node.awaitLine("pnode started in", 120);
            try (NodeProcess rpc = NodeProcess.start(environment, temp.newFolder("third").toPath(), "rpc",
                    "plugin@helloworld_greeting", "[\"home\"]")) {
                assertEquals(rpc.output(), 0, rpc.awaitExit(60));
                assertTrue(rpc.output(), rpc.output().contains("Hello home!"));
            }
            assertEquals(0, node.terminate(30));
        }
        Path dataDir = userHome.resolve(".pnode");
        assertTrue("log file in $HOME/.pnode", Files.isRegularFile(dataDir.resolve("logs/pnode.log")));
        assertTrue("the default plugin installed from the embedded central into $HOME/.pnode/plugins",
                Files.isRegularFile(dataDir.resolve("plugins/helloworld-1.0.0.zip")));
        try (var files = Files.list(elsewhere)) {
            assertFalse("nothing written to the current directory", files.findAny().isPresent());
        }
    }
}
