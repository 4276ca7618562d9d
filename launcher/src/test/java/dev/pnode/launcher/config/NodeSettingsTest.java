package dev.pnode.launcher.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class NodeSettingsTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path home;
    private Path workingDir;

    @Before
    public void directories() throws Exception {
        home = temp.newFolder("home").toPath();
        Files.createDirectories(home.resolve("etc"));
        workingDir = temp.newFolder("work").toPath();
    }

    @Test
    public void defaultsWithoutAnySettingsFile() throws Exception {
        NodeSettings settings = resolve();

        assertEquals(workingDir.resolve("data"), settings.dataDir());
        assertEquals(workingDir.resolve("data/pnode.ipc"), settings.ipcPath());
        assertEquals(Duration.ofSeconds(60), settings.startupTimeout());
        assertEquals(Optional.empty(), settings.plugins());
        assertEquals(3, settings.verbosity());
        assertEquals(new NodeSettings.Http(false, "127.0.0.1", 8545, false, Optional.empty()), settings.http());
        assertEquals(List.of("pnode"), settings.bootFeatures());
        assertEquals(List.of(home.resolve("etc/features.xml")), settings.featureRepositories());
        assertTrue(settings.interactive());
    }

    @Test
    public void theDistributionsSettingsFilesAreTheDefaults() throws Exception {
        Files.writeString(home.resolve("etc/pnode.toml"), "[Log]\nVerbosity = 4\n");
        Files.writeString(home.resolve("etc/plugins.json"), "{\"providers\":{}}");

        NodeSettings settings = resolve();

        assertEquals(4, settings.verbosity());
        assertEquals(Optional.of(home.resolve("etc/plugins.json")), settings.plugins());
    }

    @Test
    public void theShippedSettingsFilesAreValidAndHoldTheDefaults() throws Exception {
        Path etc = Path.of("src/main/dist/etc").toAbsolutePath();

        NodeSettings settings = resolve("--config", etc.resolve("pnode.toml").toString(), "--plugins",
                etc.resolve("plugins.json").toString());

        assertEquals(resolve().dataDir(), settings.dataDir());
        assertEquals(3, settings.verbosity());
        assertEquals(List.of("pnode"), settings.bootFeatures());
        assertEquals(Optional.of(etc.resolve("plugins.json")), settings.plugins());
    }

    @Test
    public void readsEverySetting() throws Exception {
        Files.writeString(workingDir.resolve("plugins.json"), "{}");
        Path config = toml("[Node]\n"
                + "DataDir = \"/srv/pnode\"\n"
                + "IPCPath = \"/run/pnode.ipc\"\n"
                + "StartupTimeout = 5\n"
                + "Plugins = \"plugins.json\"\n"
                + "[Log]\n"
                + "Verbosity = 1\n"
                + "[HTTP]\n"
                + "Enabled = true\n"
                + "Host = \"0.0.0.0\"\n"
                + "Port = 8000\n"
                + "Admin = true\n"
                + "Api = \"rpc,admin\"\n"
                + "[Features]\n"
                + "Boot = [\"a\", \"b\"]\n"
                + "Repositories = [\"etc/one.xml\", \"/abs/two.xml\"]\n");

        NodeSettings settings = resolve("--config", config.toString());

        assertEquals(Path.of("/srv/pnode"), settings.dataDir());
        assertEquals(Path.of("/run/pnode.ipc"), settings.ipcPath());
        assertEquals(Duration.ofSeconds(5), settings.startupTimeout());
        assertEquals(Optional.of(workingDir.resolve("plugins.json")), settings.plugins());
        assertEquals(1, settings.verbosity());
        assertEquals(new NodeSettings.Http(true, "0.0.0.0", 8000, true, Optional.of("rpc,admin")), settings.http());
        assertEquals(List.of("a", "b"), settings.bootFeatures());
        assertEquals(List.of(home.resolve("etc/one.xml"), Path.of("/abs/two.xml")), settings.featureRepositories());
    }

    @Test
    public void flagsOverrideTheSettingsFile() throws Exception {
        Path config = toml("[Node]\nDataDir = \"/from/toml\"\n[Log]\nVerbosity = 1\n"
                + "[HTTP]\nHost = \"10.0.0.1\"\nPort = 8000\n");

        NodeSettings settings = resolve("--config", config.toString(), "--datadir", "mine", "--verbosity", "4",
                "--http", "--http.addr", "::1", "--http.port", "9000", "--http.api", "plugin@helloworld",
                "--nointeractive");

        assertEquals(workingDir.resolve("mine"), settings.dataDir());
        assertEquals(workingDir.resolve("mine/pnode.ipc"), settings.ipcPath());
        assertEquals(4, settings.verbosity());
        assertEquals(new NodeSettings.Http(true, "::1", 9000, false, Optional.of("plugin@helloworld")), settings.http());
        assertFalse(settings.interactive());
    }

    @Test
    public void readsTheWebEndpointSettingsFromTomlAndFlagsWin() throws Exception {
        Path config = toml("[HTTP]\nVirtualHosts = \"node.example\"\nCorsDomain = \"https://app.example\"\n"
                + "ReadHeaderTimeout = 5\nReadTimeout = 6\nWriteTimeout = 7\nIdleTimeout = 8\nMaxConnections = 9\n"
                + "[WS]\nEnabled = true\nHost = \"0.0.0.0\"\nPort = 9546\nApi = \"rpc\"\nOrigins = \"*\"\n");

        NodeSettings settings = resolve("--config", config.toString(), "--http.timeout.idle", "60", "--ws.port",
                "7000", "--http.vhosts", "*");

        assertEquals(Map.ofEntries(Map.entry("pnode.http.vhosts", "*"),
                Map.entry("pnode.http.corsdomain", "https://app.example"),
                Map.entry("pnode.http.timeout.readheader", "5"), Map.entry("pnode.http.timeout.read", "6"),
                Map.entry("pnode.http.timeout.write", "7"), Map.entry("pnode.http.timeout.idle", "60"),
                Map.entry("pnode.http.maxconns", "9"), Map.entry("pnode.ws.enabled", "true"),
                Map.entry("pnode.ws.host", "0.0.0.0"), Map.entry("pnode.ws.port", "7000"),
                Map.entry("pnode.ws.api", "rpc"), Map.entry("pnode.ws.origins", "*")), settings.endpointProperties());
    }

    @Test
    public void leavesUnsetWebEndpointSettingsToTheRpcBundle() throws Exception {
        assertEquals(Map.of("pnode.ws.enabled", "true"), resolve("--ws").endpointProperties());
    }

    @Test
    public void badWebEndpointSettingsNameTheKeyOrFlag() throws Exception {
        assertConfigError("[HTTP] IdleTimeout = 0 must be from 1 to 86400", "--config",
                toml("[HTTP]\nIdleTimeout = 0\n").toString());
        assertConfigError("[WS] Enabled must be true or false", "--config", toml("[WS]\nEnabled = 1\n").toString());
        assertConfigError("unknown key 'Vhosts' in [HTTP]", "--config", toml("[HTTP]\nVhosts = \"x\"\n").toString());
        UsageException flag = assertThrows(UsageException.class, () -> resolve("--http.timeout.read", "soon"));
        assertEquals("flag --http.timeout.read: 'soon' must be a whole number from 1 to 86400", flag.getMessage());
        assertThrows(UsageException.class, () -> resolve("--ws.port", "70000"));
        assertThrows(UsageException.class, () -> resolve("--ws=yes"));
    }

    @Test
    public void noTerminalMeansNoConsole() throws Exception {
        CommandLine flags = CommandLine.parse();

        assertFalse(NodeSettings.resolve(flags, home, workingDir, false).interactive());
    }

    @Test
    public void aMissingConfigFileIsAnError() {
        assertConfigError("config file " + workingDir.resolve("nope.toml") + " does not exist",
                "--config", "nope.toml");
    }

    @Test
    public void invalidTomlNamesLineAndColumn() throws Exception {
        Path config = toml("[Node]\nDataDir = \"unterminated\n");

        assertConfigError(config + ":2:", "--config", config.toString());
        assertConfigError("invalid TOML", "--config", config.toString());
    }

    @Test
    public void unknownSectionsAndKeysAreErrors() throws Exception {
        assertConfigError(":2: unknown key 'Datadir' in [Node] (known: DataDir, IPCPath, StartupTimeout, Plugins)",
                "--config", toml("[Node]\nDatadir = \"x\"\n").toString());
        assertConfigError(":1: unknown 'Eth': settings belong in the sections [Node], [Log], [HTTP], [WS], [Metrics], [Features]",
                "--config", toml("[Eth]\nNetworkId = 1\n").toString());
        assertConfigError("'DataDir': settings belong in the sections", "--config",
                toml("DataDir = \"x\"\n").toString());
        assertConfigError("unknown key 'Sub' in [HTTP]", "--config", toml("[HTTP.Sub]\nX = 1\n").toString());
    }

    @Test
    public void wrongTypesAreErrors() throws Exception {
        assertConfigError(":2: [HTTP] Port must be an integer", "--config",
                toml("[HTTP]\nPort = \"8545\"\n").toString());
        assertConfigError("[HTTP] Enabled must be true or false", "--config",
                toml("[HTTP]\nEnabled = \"yes\"\n").toString());
        assertConfigError("[Node] DataDir must be a string", "--config", toml("[Node]\nDataDir = 1\n").toString());
        assertConfigError("[Features] Boot must be an array of strings", "--config",
                toml("[Features]\nBoot = \"pnode\"\n").toString());
        assertConfigError("[Features] Boot must be an array of strings", "--config",
                toml("[Features]\nBoot = [1, 2]\n").toString());
        assertConfigError("[Log] Verbosity must be an integer", "--config", toml("[Log]\nVerbosity = 2.5\n")
                .toString());
    }

    @Test
    public void outOfRangeNumbersAreErrors() throws Exception {
        assertConfigError(":2: [Log] Verbosity = 9 must be from 0 to 5", "--config",
                toml("[Log]\nVerbosity = 9\n").toString());
        assertConfigError("[HTTP] Port = 0 must be from 1 to 65535", "--config",
                toml("[HTTP]\nPort = 0\n").toString());
        assertConfigError("[Node] StartupTimeout = -1 must be from 1", "--config",
                toml("[Node]\nStartupTimeout = -1\n").toString());
    }

    @Test
    public void aMissingPluginSettingsFileIsAnError() {
        assertConfigError("plugin settings file " + workingDir.resolve("gone.json") + " does not exist",
                "--plugins", "gone.json");
    }

    @Test
    public void aDirectoryIsNotAPluginSettingsFile() {
        assertConfigError("is not a readable file", "--plugins", ".");
    }

    @Test
    public void invalidPluginJsonNamesLineAndColumn() throws Exception {
        Files.writeString(workingDir.resolve("bad.json"), "{\n  \"baseDir\": \"x\",\n  \"providers\": {,}\n}");

        assertConfigError("line 3 column", "--plugins", "bad.json");
        assertConfigError("bad.json is not valid JSON", "--plugins", "bad.json");
    }

    @Test
    public void lenientJsonIsRejected() throws Exception {
        Files.writeString(workingDir.resolve("lenient.json"), "{baseDir: 'x'}");

        assertConfigError("is not valid JSON", "--plugins", "lenient.json");
    }

    @Test
    public void trailingJsonIsRejected() throws Exception {
        Files.writeString(workingDir.resolve("two.json"), "{} {}");

        assertConfigError("is not valid JSON: malformed JSON at line 1 column 5", "--plugins", "two.json");
    }

    @Test
    public void aPluginFileWithoutAnObjectIsRejected() throws Exception {
        Files.writeString(workingDir.resolve("array.json"), "[]");

        assertConfigError("it must hold one JSON object", "--plugins", "array.json");
    }

    @Test
    public void anEmptyPluginFileIsRejected() throws Exception {
        Files.writeString(workingDir.resolve("empty.json"), "");

        assertConfigError("is not valid JSON: it must hold one JSON object", "--plugins", "empty.json");
    }

    private NodeSettings resolve(String... flags) throws Exception {
        return NodeSettings.resolve(CommandLine.parse(flags), home, workingDir, true);
    }

    private Path toml(String text) throws Exception {
        Path file = Files.createTempFile(workingDir, "node", ".toml");
        Files.writeString(file, text);
        return file;
    }

    private void assertConfigError(String expected, String... flags) {
        ConfigException error = assertThrows(ConfigException.class, () -> resolve(flags));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
    }
}
