package dev.pnode.launcher.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class CommandLineTest {

    @Test
    public void noFlagsLeaveEverythingToSettingsAndDefaults() throws Exception {
        CommandLine flags = CommandLine.parse();

        assertEquals(Map.of(), flags.settings());
        assertEquals(Optional.empty(), flags.config());
        assertFalse(flags.http());
        assertFalse(flags.noInteractive());
        assertFalse(flags.help());
    }

    @Test
    public void readsEveryFlagIntoItsSettingsKey() throws Exception {
        CommandLine flags = CommandLine.parse("--datadir", "/var/pnode", "--config", "node.toml", "--plugins",
                "plugins.json", "--verbosity", "5", "--http", "--http.addr", "0.0.0.0", "--http.port", "9545",
                "--http.api", "rpc, admin,,plugin@*", "--nointeractive");

        assertEquals(Map.of(ConfigKey.DATA_DIR, Path.of("/var/pnode"), ConfigKey.PLUGINS, Path.of("plugins.json"),
                ConfigKey.VERBOSITY, 5, ConfigKey.HTTP_HOST, "0.0.0.0", ConfigKey.HTTP_PORT, 9545,
                ConfigKey.HTTP_MODULES, List.of("rpc", "admin", "plugin@*")), flags.settings());
        assertEquals(Optional.of(Path.of("node.toml")), flags.config());
        assertTrue(flags.http());
        assertTrue(flags.noInteractive());
    }

    @Test
    public void acceptsEqualsSignsAndSingleDashesLikeGeth() throws Exception {
        CommandLine flags = CommandLine.parse("--datadir=/d", "-verbosity", "1", "-http.port=1");

        assertEquals(Map.of(ConfigKey.DATA_DIR, Path.of("/d"), ConfigKey.VERBOSITY, 1, ConfigKey.HTTP_PORT, 1),
                flags.settings());
    }

    @Test
    public void helpInBothSpellings() throws Exception {
        assertTrue(CommandLine.parse("--help").help());
        assertTrue(CommandLine.parse("-h").help());
    }

    @Test
    public void rejectsUnknownFlags() {
        assertUsage("unknown flag '--data-dir'", "--data-dir", "x");
        assertUsage("unknown flag '--rpc'", "--rpc");
    }

    @Test
    public void rejectsMissingValues() {
        assertUsage("flag --datadir needs a value", "--datadir");
        assertUsage("flag --config needs a non-empty value", "--config=");
    }

    @Test
    public void rejectsValuesForSwitches() {
        assertUsage("flag --http takes no value", "--http=true");
    }

    @Test
    public void rejectsAFlagGivenTwice() {
        assertUsage("flag --verbosity is given twice", "--verbosity", "1", "--verbosity", "2");
    }

    @Test
    public void rejectsBadNumbers() {
        assertUsage("flag --verbosity: '6' must be a whole number from 0 to 5", "--verbosity", "6");
        assertUsage("flag --verbosity: 'info' must be a whole number from 0 to 5", "--verbosity", "info");
        assertUsage("flag --http.port: '70000' must be a whole number from 1 to 65535", "--http.port", "70000");
        assertUsage("flag --http.port: '0' must be", "--http.port", "0");
    }

    @Test
    public void rejectsStrayArguments() {
        assertUsage("unexpected argument 'console'", "console");
    }

    @Test
    public void usageListsEveryFlagWithItsDefault() {
        String usage = CommandLine.usage();

        for (Flag flag : Flag.values()) {
            assertTrue(flag + " missing from\n" + usage, usage.contains("--" + flag.flagName()));
        }
        assertTrue(usage, usage.contains("(default: ~/.pnode ($HOME/.pnode), whatever the current directory; TOML [Node] DataDir)"));
        assertTrue(usage, usage.contains("(default: 3; TOML [Log] Verbosity)"));
        assertTrue(usage, usage.contains("etc/plugins.json"));
        assertTrue(usage, usage.contains("pnode rpc"));
        assertTrue(usage, usage.contains("pnode dumpconfig"));
        assertTrue(usage, usage.contains("(default: 8545; TOML [Node] HTTPPort)"));
    }

    private static void assertUsage(String expected, String... arguments) {
        UsageException error = assertThrows(UsageException.class, () -> CommandLine.parse(arguments));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
    }

    @Test
    public void quorumsPluginFlagsAreRead() throws Exception {
        CommandLine flags = CommandLine.parse("--plugins", "file:///opt/geth/plugins.json", "--plugins.localverify",
                "--plugins.publickey", "file:///opt/geth/pubkey.pgp.asc");

        assertEquals(Map.of(ConfigKey.PLUGINS, Path.of("/opt/geth/plugins.json"), ConfigKey.PLUGINS_LOCAL_VERIFY,
                true, ConfigKey.PLUGINS_PUBLIC_KEY, Path.of("/opt/geth/pubkey.pgp.asc")), flags.settings());
        assertEquals(Map.of(ConfigKey.PLUGINS_SKIP_VERIFY, true), CommandLine.parse("--plugins.skipverify")
                .settings());
    }

    @Test
    public void pluginsTakesAPathOrAFileUrl() throws Exception {
        assertEquals(Path.of("etc/plugins.json"), plugins("etc/plugins.json"));
        assertEquals(Path.of("/a b/p.json"), plugins("file:///a%20b/p.json"));
        assertEquals(Path.of("/abs/p.json"), plugins("file:/abs/p.json"));
        assertEquals(Path.of("rel/p.json"), plugins("FILE:rel/p.json"));
        assertEquals(UserHome.directory().resolve("p.json"), plugins("~/p.json"));
    }

    private static Path plugins(String value) throws Exception {
        return (Path) CommandLine.parse("--plugins", value).settings().get(ConfigKey.PLUGINS);
    }

    @Test
    public void badFileUrlsAreRefusedNamingTheFlag() {
        assertUsage("flag --plugins: 'file://' names no file", "--plugins", "file://");
        assertUsage("flag --plugins: 'file://server/p.json' names a host", "--plugins", "file://server/p.json");
        assertUsage("flag --plugins.publickey: 'file:///%zz' is not a valid file URL", "--plugins.localverify",
                "--plugins.publickey", "file:///%zz");
    }

    @Test
    public void switchesTakeNoValue() {
        assertUsage("flag --plugins.skipverify takes no value", "--plugins.skipverify=true");
        assertUsage("flag --plugins.publickey needs a value", "--plugins.localverify", "--plugins.publickey");
    }

    @Test
    public void aBadConfigUrlIsAUsageError() {
        assertUsage("flag --config: 'file://host/x.toml' names a host", "--config", "file://host/x.toml");
    }

    @Test
    public void usagePointsAtBinPnodeForTheDefaultJvmOptionsInsteadOfCopyingThem() {
        String usage = CommandLine.usage();

        // bin/pnode is their one home: a copy here fell behind each change of the defaults
        assertTrue(usage, usage.contains("JAVA_OPTS (replaces the node's default JVM options, which bin/pnode lists"));
        assertFalse(usage, usage.contains("-XX:"));
    }

    @Test
    public void usageListsQuorumsPluginFlags() {
        String usage = CommandLine.usage();
        for (String flag : new String[] {"--plugins FILE|URL", "--plugins.skipverify", "--plugins.localverify",
                "--plugins.publickey FILE|URL"}) {
            assertTrue(flag + " in:\n" + usage, usage.contains(flag));
        }
    }
}
