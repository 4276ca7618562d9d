package dev.pnode.launcher.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code pnode dumpconfig}: the settings in effect as TOML, which {@code --config} reads back to the same settings. */
public class NodeConfigTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path home;
    private Path workingDir;

    @Before
    public void directories() throws Exception {
        home = temp.newFolder("home").toPath();
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/plugins.json"), "{}");
        workingDir = temp.newFolder("work").toPath();
    }

    private NodeConfig config(Path from, String... flags) throws Exception {
        return NodeConfig.resolve(CommandLine.parse(flags), home, from);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(temp.getRoot().toPath().resolve(name), text);
    }

    /** Everything but the first line, which names where the settings came from. */
    private static String body(String toml) {
        return toml.substring(toml.indexOf('\n') + 1);
    }

    @Test
    public void theDefaultsAreWrittenWithGethsNames() throws Exception {
        String toml = config(workingDir).toToml();

        assertTrue(toml, toml.contains("[Node]\nDataDir = \"" + NodeSettings.defaultDataDir().toAbsolutePath()
                .normalize() + "\"\nIPCPath = \"pnode.ipc\"\nStartupTimeout = 60\nPlugins = \""
                + home.resolve("etc/plugins.json") + "\"\n"));
        assertTrue(toml, toml.contains("# HTTPHost is not set\nHTTPPort = 8545\nHTTPModules = [\"rpc\", \"plugin@*\"]\n"));
        assertTrue(toml, toml.contains("# PluginsPublicKey is not set\n"));
        assertTrue(toml, toml.contains("[Log]\nVerbosity = 3\n"));
        assertTrue(toml, toml.contains("[Features]\nBoot = [\"pnode\"]\nRepositories = [\""
                + home.resolve("etc/features.xml") + "\"]\n"));
    }

    @Test
    public void fileAndFlagsAreAppliedAndTheDumpReadsBackToTheSameSettingsFromAnyDirectory() throws Exception {
        Files.writeString(workingDir.resolve("p.json"), "{}");
        Files.createDirectories(workingDir.resolve("keys"));
        Path config = write("node.toml", "[Node]\nStartupTimeout = 7\nHTTPModules = [\"rpc\", \"admin\"]\n"
                + "[Log]\nVerbosity = 1\n[Features]\nRepositories = [\"etc/features.xml\", \"extra.xml\"]\n");
        String[] flags = {"--config", config.toString(), "--datadir", "rel data", "--plugins", "p.json",
            "--plugins.localverify", "--plugins.publickey", "keys/k.asc", "--http", "--http.port", "9000",
            "--verbosity", "4"};
        NodeConfig effective = config(workingDir, flags);
        String dumped = effective.toToml();
        assertTrue(dumped, dumped.contains("DataDir = \"" + workingDir.resolve("rel data") + "\""));
        assertTrue(dumped, dumped.contains("HTTPHost = \"127.0.0.1\"\nHTTPPort = 9000\nHTTPModules = [\"rpc\", \"admin\"]"));
        assertTrue(dumped, dumped.contains("Verbosity = 4"));
        assertTrue(dumped, dumped.contains("StartupTimeout = 7"));
        assertTrue(dumped, dumped.contains("PluginsLocalVerify = true\nPluginsPublicKey = \""
                + workingDir.resolve("keys/k.asc") + "\""));
        assertTrue(dumped, dumped.contains("\"" + home.resolve("extra.xml") + "\""));

        Path elsewhere = temp.newFolder("elsewhere").toPath();
        Path dumpFile = write("dumped.toml", dumped);
        NodeConfig readBack = config(elsewhere, "--config", dumpFile.toString());

        assertEquals(body(dumped), body(readBack.toToml()));
        assertEquals(NodeSettings.resolve(CommandLine.parse(flags), home, workingDir, false),
                NodeSettings.resolve(CommandLine.parse("--config", dumpFile.toString()), home, elsewhere, false));
    }

    @Test
    public void awkwardStringsSurviveTheRoundTrip() throws Exception {
        Path config = write("odd.toml", "[Node]\nDataDir = '/srv/a \"quoted\" \\\\ back\\slash\\tdir'\n"
                + "HTTPHost = \"::1\"\n[Features]\nBoot = [\"f\\u00e9ature\", \"b\\\"c\"]\n");
        String dumped = config(workingDir, "--config", config.toString()).toToml();

        NodeConfig readBack = config(workingDir, "--config", write("back.toml", dumped).toString());

        assertEquals(body(dumped), body(readBack.toToml()));
        assertEquals(Path.of("/srv/a \"quoted\" \\\\ back\\slash\\tdir"), readBack.path(ConfigKey.DATA_DIR));
        assertEquals(java.util.List.of("féature", "b\"c"), readBack.strings(ConfigKey.FEATURES_BOOT));
    }

    @Test
    public void everyKeyOfTheTableIsWrittenOnce() throws Exception {
        String toml = config(workingDir).toToml();

        for (ConfigKey key : ConfigKey.values()) {
            long lines = toml.lines().filter(line -> line.startsWith(key.key() + " = ")
                    || line.equals("# " + key.key() + " is not set")).count();
            long keysSoNamed = java.util.Arrays.stream(ConfigKey.values())
                    .filter(other -> other.key().equals(key.key())).count();
            assertEquals(key + " in\n" + toml, keysSoNamed, lines);
        }
    }

    @Test
    public void theHeaderNamesTheSettingsFileThatWasRead() throws Exception {
        Path config = write("n.toml", "[Log]\nVerbosity = 2\n");

        assertTrue(config(workingDir, "--config", config.toString()).toToml().startsWith(
                "# pnode node settings in effect: defaults, " + config + ", flags (pnode dumpconfig)\n"));
    }
}
