package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code bin/pnode dumpconfig}: geth's habit, with the distribution's own defaults and settings files. */
public class DumpConfigIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void printsTheDistributionsSettingsWithTheFlagsAndReadsThemBack() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("node data");
        String dumped = NodeProcess.run("dumpconfig", "--datadir", dataDir.toString(), "--http", "--http.port",
                "9545", "--plugins.skipverify");

        assertTrue(dumped, dumped.contains("DataDir = \"" + dataDir + "\""));
        assertTrue(dumped, dumped.contains("Plugins = \"" + NodeProcess.DISTRIBUTION.resolve("etc/plugins.json") + "\""));
        assertTrue(dumped, dumped.contains("PluginsSkipVerify = true"));
        assertTrue(dumped, dumped.contains("HTTPHost = \"127.0.0.1\"\nHTTPPort = 9545"));
        assertTrue(dumped, dumped.contains("Repositories = [\"" + NodeProcess.DISTRIBUTION.resolve("etc/features.xml")
                + "\"]"));

        Path config = Files.writeString(temp.getRoot().toPath().resolve("dumped.toml"), dumped);
        String again = NodeProcess.run("dumpconfig", "--config", config.toString());
        assertEquals(dumped.substring(dumped.indexOf('\n')), again.substring(again.indexOf('\n')));
    }
}
