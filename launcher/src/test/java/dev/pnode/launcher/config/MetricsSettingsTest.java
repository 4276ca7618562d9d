package dev.pnode.launcher.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code --metrics}, {@code --metrics.addr}, {@code --metrics.port} and their {@code [Metrics]} keys. */
public class MetricsSettingsTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void offByDefaultOnLoopbackPort6060() throws Exception {
        assertEquals(new NodeSettings.Metrics(false, "127.0.0.1", 6060), resolve().metrics());
    }

    @Test
    public void flagsOverTheSettingsFile() throws Exception {
        Path config = Files.writeString(temp.getRoot().toPath().resolve("node.toml"),
                "[Metrics]\nEnabled = true\nHTTP = \"0.0.0.0\"\nPort = 9100\n");

        assertEquals(new NodeSettings.Metrics(true, "0.0.0.0", 9100), resolve("--config", config.toString()).metrics());
        assertEquals(new NodeSettings.Metrics(true, "127.0.0.2", 9200), resolve("--config", config.toString(),
                "--metrics.addr", "127.0.0.2", "--metrics.port", "9200").metrics());
        assertEquals(new NodeSettings.Metrics(true, "127.0.0.1", 6060), resolve("--metrics").metrics());
    }

    @Test
    public void aBadPortIsAnErrorNamingTheFlagOrKey() throws Exception {
        UsageException flag = assertThrows(UsageException.class, () -> CommandLine.parse("--metrics.port", "0"));
        assertEquals("flag --metrics.port: '0' must be a whole number from 1 to 65535", flag.getMessage());
        Path config = Files.writeString(temp.getRoot().toPath().resolve("bad.toml"), "[Metrics]\nPort = 70000\n");
        ConfigException key = assertThrows(ConfigException.class, () -> resolve("--config", config.toString()));
        assertTrue(key.getMessage(), key.getMessage().contains("[Metrics] Port = 70000 must be from 1 to 65535"));
    }

    private NodeSettings resolve(String... flags) throws Exception {
        return NodeSettings.resolve(CommandLine.parse(flags), temp.getRoot().toPath(), temp.getRoot().toPath(),
                false);
    }
}
