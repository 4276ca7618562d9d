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

        Path userDataDir = UserHome.directory().resolve(".pnode").toAbsolutePath().normalize();
        assertEquals(userDataDir, settings.dataDir());
        assertEquals(userDataDir.resolve("pnode.ipc"), settings.ipcPath());
        assertEquals(Duration.ofSeconds(60), settings.startupTimeout());
        assertEquals(Optional.empty(), settings.plugins());
        assertEquals(3, settings.verbosity());
        assertEquals(new NodeSettings.Http(false, "127.0.0.1", 8545, "rpc,plugin@*"), settings.http());
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
                + "HTTPHost = \"0.0.0.0\"\n"
                + "HTTPPort = 8000\n"
                + "HTTPModules = [\"rpc\", \"admin\"]\n"
                + "[Log]\n"
                + "Verbosity = 1\n"
                + "[Features]\n"
                + "Boot = [\"a\", \"b\"]\n"
                + "Repositories = [\"etc/one.xml\", \"/abs/two.xml\"]\n");

        NodeSettings settings = resolve("--config", config.toString());

        assertEquals(Path.of("/srv/pnode"), settings.dataDir());
        assertEquals(Path.of("/run/pnode.ipc"), settings.ipcPath());
        assertEquals(Duration.ofSeconds(5), settings.startupTimeout());
        assertEquals(Optional.of(workingDir.resolve("plugins.json")), settings.plugins());
        assertEquals(1, settings.verbosity());
        assertEquals(new NodeSettings.Http(true, "0.0.0.0", 8000, "rpc,admin"), settings.http());
        assertEquals(List.of("a", "b"), settings.bootFeatures());
        assertEquals(List.of(home.resolve("etc/one.xml"), Path.of("/abs/two.xml")), settings.featureRepositories());
    }

    @Test
    public void flagsOverrideTheSettingsFile() throws Exception {
        Path config = toml("[Node]\nDataDir = \"/from/toml\"\nHTTPHost = \"10.0.0.1\"\nHTTPPort = 8000\n"
                + "[Log]\nVerbosity = 1\n");

        NodeSettings settings = resolve("--config", config.toString(), "--datadir", "mine", "--verbosity", "4",
                "--http", "--http.addr", "::1", "--http.port", "9000", "--http.api", "plugin@helloworld",
                "--nointeractive");

        assertEquals(workingDir.resolve("mine"), settings.dataDir());
        assertEquals(workingDir.resolve("mine/pnode.ipc"), settings.ipcPath());
        assertEquals(4, settings.verbosity());
        assertEquals(new NodeSettings.Http(true, "::1", 9000, "plugin@helloworld"), settings.http());
        assertFalse(settings.interactive());
    }

    @Test
    public void readsTheWebEndpointSettingsFromTomlAndFlagsWin() throws Exception {
        Path config = toml("[Node]\nHTTPVirtualHosts = [\"node.example\"]\nHTTPCors = [\"https://app.example\"]\n"
                + "HTTPMaxConnections = 9\nWSHost = \"0.0.0.0\"\nWSPort = 9546\nWSModules = [\"rpc\"]\n"
                + "WSOrigins = [\"*\"]\n[Node.HTTPTimeouts]\nReadHeaderTimeout = 5\nReadTimeout = 6\nWriteTimeout = 7\n"
                + "IdleTimeout = 8\n");

        NodeSettings settings = resolve("--config", config.toString(), "--http.timeout.idle", "60", "--ws.port",
                "7000", "--http.vhosts", "*,node.example");

        assertEquals(Map.ofEntries(Map.entry("pnode.http.vhosts", "*,node.example"),
                Map.entry("pnode.http.corsdomain", "https://app.example"),
                Map.entry("pnode.http.timeout.readheader", "5"), Map.entry("pnode.http.timeout.read", "6"),
                Map.entry("pnode.http.timeout.write", "7"), Map.entry("pnode.http.timeout.idle", "60"),
                Map.entry("pnode.http.maxconns", "9"), Map.entry("pnode.ws.enabled", "true"),
                Map.entry("pnode.ws.host", "0.0.0.0"), Map.entry("pnode.ws.port", "7000"),
                Map.entry("pnode.ws.api", "rpc"), Map.entry("pnode.ws.origins", "*")), settings.endpointProperties());
    }

    @Test
    public void webEndpointsGetGethsDefaultsAndWebSocketIsOffUntilWsHostIsSet() throws Exception {
        Map<String, String> defaults = resolve().endpointProperties();
        assertEquals("false", defaults.get("pnode.ws.enabled"));
        assertEquals("localhost", defaults.get("pnode.http.vhosts"));
        assertEquals("", defaults.get("pnode.http.corsdomain"));
        assertEquals("30", defaults.get("pnode.http.timeout.readheader"));
        assertEquals("120", defaults.get("pnode.http.timeout.idle"));
        assertEquals("8546", defaults.get("pnode.ws.port"));

        Map<String, String> ws = resolve("--ws").endpointProperties();
        assertEquals("true", ws.get("pnode.ws.enabled"));
        assertEquals("127.0.0.1", ws.get("pnode.ws.host"));
        assertEquals("10.0.0.5", resolve("--ws.addr", "10.0.0.5").endpointProperties().get("pnode.ws.host"));
    }

    @Test
    public void badWebEndpointSettingsNameTheKeyOrFlag() throws Exception {
        assertConfigError("[Node.HTTPTimeouts] IdleTimeout = 0 must be from 1 to 86400", "--config",
                toml("[Node.HTTPTimeouts]\nIdleTimeout = 0\n").toString());
        assertConfigError("[Node] WSPort = 70000 must be from 1 to 65535", "--config",
                toml("[Node]\nWSPort = 70000\n").toString());
        assertConfigError("[Node] HTTPVirtualHosts must be an array of strings", "--config",
                toml("[Node]\nHTTPVirtualHosts = \"x\"\n").toString());
        assertConfigError("unknown key 'Vhosts' in [Node.HTTPTimeouts]", "--config",
                toml("[Node.HTTPTimeouts]\nVhosts = \"x\"\n").toString());
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
        assertConfigError(":2: unknown key 'Datadir' in [Node] (known: DataDir, IPCPath, StartupTimeout, Plugins,"
                + " PluginsSkipVerify, PluginsLocalVerify, PluginsPublicKey, HTTPHost, HTTPPort, HTTPModules,"
                + " HTTPVirtualHosts, HTTPCors, HTTPMaxConnections, WSHost, WSPort, WSModules, WSOrigins)",
                "--config", toml("[Node]\nDatadir = \"x\"\n").toString());
        assertConfigError(":1: unknown 'Eth': settings belong in the sections [Node], [Node.HTTPTimeouts], [Log],"
                + " [Metrics], [Features]",
                "--config", toml("[Eth]\nNetworkId = 1\n").toString());
        assertConfigError("'DataDir': settings belong in the sections", "--config",
                toml("DataDir = \"x\"\n").toString());
        assertConfigError("unknown key 'Sub' in [Log]", "--config", toml("[Log.Sub]\nX = 1\n").toString());
    }

    @Test
    public void wrongTypesAreErrors() throws Exception {
        assertConfigError(":2: [Node] HTTPPort must be an integer", "--config",
                toml("[Node]\nHTTPPort = \"8545\"\n").toString());
        assertConfigError("[Node] PluginsSkipVerify must be true or false", "--config",
                toml("[Node]\nPluginsSkipVerify = \"yes\"\n").toString());
        assertConfigError("[Node] HTTPModules must be an array of strings", "--config",
                toml("[Node]\nHTTPModules = \"rpc,admin\"\n").toString());
        assertConfigError("[Node] DataDir must be a string (a path)", "--config",
                toml("[Node]\nDataDir = 1\n").toString());
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
        assertConfigError("[Node] HTTPPort = 0 must be from 1 to 65535", "--config",
                toml("[Node]\nHTTPPort = 0\n").toString());
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
    public void thePluginJsonIsLeftToThePluginHost() throws Exception {
        Files.writeString(workingDir.resolve("bad.json"), "{\n  \"providers\": {,}\n}");

        assertEquals(Optional.of(workingDir.resolve("bad.json")), resolve("--plugins", "bad.json").plugins());
    }

    @Test
    public void quorumsVerificationFlagsReachTheSettingsWithAnAbsoluteKey() throws Exception {
        NodeSettings settings = resolve("--plugins.localverify", "--plugins.publickey", "keys/central.asc");

        assertEquals(new PluginVerification(false, true, Optional.of(workingDir.resolve("keys/central.asc"))),
                settings.pluginVerification());
        assertEquals(PluginVerification.NONE, resolve().pluginVerification());
    }

    @Test
    public void theDefaultDataDirectoryDoesNotDependOnTheCurrentDirectory() throws Exception {
        Path elsewhere = temp.newFolder("elsewhere").toPath();

        assertEquals(resolve().dataDir(), NodeSettings.resolve(CommandLine.parse(), home, elsewhere, true).dataDir());
        assertEquals(NodeSettings.defaultDataDir(), resolve().dataDir());
    }

    @Test
    public void aTildeNamesTheUsersHomeInTheFlagAndTheSettingsFile() throws Exception {
        Path expected = UserHome.directory().resolve("nodes/one").toAbsolutePath().normalize();

        assertEquals(expected, resolve("--datadir", "~/nodes/one").dataDir());
        assertEquals(expected, resolve("--config", toml("[Node]\nDataDir = \"~/nodes/one\"\n").toString()).dataDir());
        assertEquals(workingDir.resolve("~x"), resolve("--datadir", "~x").dataDir());
    }

    @Test
    public void todaysOldKeysAreRefusedNamingGethsKey() throws Exception {
        assertConfigError(":2: [HTTP] Port is now [Node] HTTPPort (geth's name), an integer", "--config",
                toml("[HTTP]\nPort = 8000\n").toString());
        assertConfigError("[HTTP] Host is now [Node] HTTPHost", "--config", toml("[HTTP]\nHost = \"x\"\n")
                .toString());
        assertConfigError("[HTTP] Api is now [Node] HTTPModules (geth's name), an array of strings", "--config",
                toml("[HTTP]\nApi = \"rpc\"\n").toString());
        assertConfigError("[HTTP] Enabled is gone: HTTP is on when [Node] HTTPHost is set", "--config",
                toml("[HTTP]\nEnabled = true\n").toString());
        assertConfigError("[HTTP] Admin is gone: add \"admin\" to [Node] HTTPModules", "--config",
                toml("[HTTP]\nAdmin = true\n").toString());
        assertConfigError("unknown key 'Cors' in [HTTP]: its keys moved to [Node] HTTPHost, [Node] HTTPPort,"
                + " [Node] HTTPModules", "--config", toml("[HTTP]\nCors = 1\n").toString());
    }

    @Test
    public void httpIsOnWhenAHostIsSetAsInGeth() throws Exception {
        assertTrue(resolve("--http").http().enabled());
        assertEquals(new NodeSettings.Http(true, "10.1.1.1", 8545, "rpc,plugin@*"),
                resolve("--http.addr", "10.1.1.1").http());
        assertEquals(new NodeSettings.Http(true, "10.2.2.2", 8545, "rpc,plugin@*"),
                resolve("--http", "--config", toml("[Node]\nHTTPHost = \"10.2.2.2\"\n").toString()).http());
        assertFalse(resolve("--http.port", "9000").http().enabled());
    }

    @Test
    public void verificationKeysInTheSettingsFileFollowQuorumsRules() throws Exception {
        assertConfigError("only one of --plugins.skipverify and --plugins.localverify may be given", "--config",
                toml("[Node]\nPluginsSkipVerify = true\nPluginsLocalVerify = true\n").toString());
        assertConfigError("only one of --plugins.skipverify and --plugins.localverify", "--plugins.skipverify",
                "--config", toml("[Node]\nPluginsLocalVerify = true\n").toString());
        assertConfigError("--plugins.publickey ([Node] PluginsPublicKey) needs --plugins.localverify", "--config",
                toml("[Node]\nPluginsPublicKey = \"/k.asc\"\n").toString());
        assertConfigError("--plugins.publickey ([Node] PluginsPublicKey) needs --plugins.localverify",
                "--plugins.publickey", "k.asc");
        assertEquals(new PluginVerification(false, true, Optional.of(Path.of("/k.asc"))),
                resolve("--config", toml("[Node]\nPluginsLocalVerify = true\nPluginsPublicKey = \"file:///k.asc\"\n")
                        .toString()).pluginVerification());
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
