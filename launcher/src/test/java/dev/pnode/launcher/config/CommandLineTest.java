package dev.pnode.launcher.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.Test;

public class CommandLineTest {

    @Test
    public void noFlagsLeaveEverythingToSettingsAndDefaults() throws Exception {
        CommandLine flags = CommandLine.parse();

        assertEquals(Optional.empty(), flags.dataDir());
        assertEquals(Optional.empty(), flags.config());
        assertEquals(Optional.empty(), flags.plugins());
        assertEquals(Optional.empty(), flags.verbosity());
        assertEquals(Optional.empty(), flags.httpEnabled());
        assertEquals(Optional.empty(), flags.httpHost());
        assertEquals(Optional.empty(), flags.httpPort());
        assertFalse(flags.noInteractive());
        assertFalse(flags.help());
    }

    @Test
    public void readsEveryFlag() throws Exception {
        CommandLine flags = CommandLine.parse("--datadir", "/var/pnode", "--config", "node.toml", "--plugins",
                "plugins.json", "--verbosity", "5", "--http", "--http.addr", "0.0.0.0", "--http.port", "9545",
                "--nointeractive");

        assertEquals(Optional.of(Path.of("/var/pnode")), flags.dataDir());
        assertEquals(Optional.of(Path.of("node.toml")), flags.config());
        assertEquals(Optional.of(Path.of("plugins.json")), flags.plugins());
        assertEquals(Optional.of(5), flags.verbosity());
        assertEquals(Optional.of(true), flags.httpEnabled());
        assertEquals(Optional.of("0.0.0.0"), flags.httpHost());
        assertEquals(Optional.of(9545), flags.httpPort());
        assertTrue(flags.noInteractive());
    }

    @Test
    public void acceptsEqualsSignsAndSingleDashesLikeGeth() throws Exception {
        CommandLine flags = CommandLine.parse("--datadir=/d", "-verbosity", "1", "-http.port=1");

        assertEquals(Optional.of(Path.of("/d")), flags.dataDir());
        assertEquals(Optional.of(1), flags.verbosity());
        assertEquals(Optional.of(1), flags.httpPort());
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
        assertTrue(usage, usage.contains("(default: ~/.pnode ($HOME/.pnode), whatever the current directory)"));
        assertTrue(usage, usage.contains("(default: 3)"));
        assertTrue(usage, usage.contains("(default: 8545)"));
        assertTrue(usage, usage.contains("etc/plugins.json"));
        assertTrue(usage, usage.contains("pnode rpc"));
    }

    private static void assertUsage(String expected, String... arguments) {
        UsageException error = assertThrows(UsageException.class, () -> CommandLine.parse(arguments));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
    }

    @Test
    public void quorumsPluginFlagsAreRead() throws Exception {
        CommandLine flags = CommandLine.parse("--plugins", "file:///opt/geth/plugins.json", "--plugins.localverify",
                "--plugins.publickey", "file:///opt/geth/pubkey.pgp.asc");

        assertEquals(Optional.of(Path.of("/opt/geth/plugins.json")), flags.plugins());
        assertEquals(new PluginVerification(false, true, Optional.of(Path.of("/opt/geth/pubkey.pgp.asc"))),
                flags.pluginVerification());
        assertEquals(new PluginVerification(true, false, Optional.empty()),
                CommandLine.parse("--plugins.skipverify").pluginVerification());
        assertEquals(PluginVerification.NONE, CommandLine.parse().pluginVerification());
    }

    @Test
    public void pluginsTakesAPathOrAFileUrl() throws Exception {
        assertEquals(Optional.of(Path.of("etc/plugins.json")), CommandLine.parse("--plugins", "etc/plugins.json")
                .plugins());
        assertEquals(Optional.of(Path.of("/a b/p.json")), CommandLine.parse("--plugins", "file:///a%20b/p.json")
                .plugins());
        assertEquals(Optional.of(Path.of("/abs/p.json")), CommandLine.parse("--plugins=file:/abs/p.json").plugins());
        assertEquals(Optional.of(Path.of("rel/p.json")), CommandLine.parse("--plugins", "FILE:rel/p.json").plugins());
    }

    @Test
    public void badFileUrlsAreRefusedNamingTheFlag() {
        assertUsage("flag --plugins: 'file://' names no file", "--plugins", "file://");
        assertUsage("flag --plugins: 'file://server/p.json' names a host", "--plugins", "file://server/p.json");
        assertUsage("flag --plugins.publickey: 'file:///%zz' is not a valid file URL", "--plugins.localverify",
                "--plugins.publickey", "file:///%zz");
    }

    @Test
    public void quorumsRulesForTheVerificationFlagsHold() {
        assertUsage("only one of --plugins.skipverify and --plugins.localverify may be given",
                "--plugins.skipverify", "--plugins.localverify");
        assertUsage("--plugins.publickey needs --plugins.localverify", "--plugins.publickey", "/k.asc");
        assertUsage("--plugins.publickey needs --plugins.localverify", "--plugins.skipverify",
                "--plugins.publickey", "/k.asc");
        assertUsage("flag --plugins.skipverify takes no value", "--plugins.skipverify=true");
        assertUsage("flag --plugins.publickey needs a value", "--plugins.localverify", "--plugins.publickey");
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
