package dev.pnode.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The command as a user meets it: exit codes and what goes to stdout and stderr (nothing is started). */
public class MainTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    public void helpGoesToStdoutAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out(), out().contains("--datadir DIR"));
        assertEquals("", err());
    }

    @Test
    public void anUnknownFlagShowsTheProblemAndTheUsageOnStderrAndExitsTwo() {
        assertEquals(2, run("--datadri", "x"));
        assertTrue(err(), err().startsWith("pnode: unknown flag '--datadri'"));
        assertTrue(err(), err().contains("Usage: pnode"));
        assertEquals("", out());
    }

    @Test
    public void aMissingValueExitsTwo() {
        assertEquals(2, run("--verbosity"));
        assertTrue(err(), err().contains("flag --verbosity needs a value"));
    }

    @Test
    public void anInvalidConfigExitsOneNamingTheProblem() throws Exception {
        Path config = temp.newFile("bad.toml").toPath();
        Files.writeString(config, "[Node]\nDataDri = \"x\"\n");

        assertEquals(1, run("--config", config.toString()));
        assertTrue(err(), err().contains(config + ":2: unknown key 'DataDri' in [Node]"));
    }

    @Test
    public void aMissingPluginSettingsFileExitsOne() throws Exception {
        Path plugins = temp.getRoot().toPath().resolve("gone.json");

        assertEquals(1, run("--plugins", "file://" + plugins));
        assertTrue(err(), err().contains("plugin settings file " + plugins + " does not exist"));
    }

    @Test
    public void contradictoryQuorumFlagsExitOne() {
        assertEquals(1, run("--plugins.skipverify", "--plugins.localverify"));
        assertTrue(err(), err().contains("only one of --plugins.skipverify and --plugins.localverify"));
    }

    @Test
    public void dumpconfigPrintsTheSettingsInEffectAndConfigReadsThemBack() throws Exception {
        assertEquals(0, run("dumpconfig", "--http.port", "9000", "--verbosity", "5"));
        String dumped = out();
        assertTrue(dumped, dumped.contains("[Node]\n"));
        assertTrue(dumped, dumped.contains("HTTPPort = 9000\n"));
        assertTrue(dumped, dumped.contains("[Log]\nVerbosity = 5\n"));

        Path config = Files.writeString(temp.getRoot().toPath().resolve("dumped.toml"), dumped);
        out.reset();
        assertEquals(0, run("dumpconfig", "--config", config.toString()));
        assertEquals(dumped.substring(dumped.indexOf('\n')), out().substring(out().indexOf('\n')));
    }

    @Test
    public void dumpconfigRefusesBadFlagsAndBadSettings() throws Exception {
        assertEquals(2, run("dumpconfig", "--http.port", "x"));
        assertTrue(err(), err().contains("pnode dumpconfig: flag --http.port: 'x' must be a whole number"));
        Path config = Files.writeString(temp.getRoot().toPath().resolve("old.toml"), "[HTTP]\nPort = 1\n");
        assertEquals(1, run("dumpconfig", "--config", config.toString()));
        assertTrue(err(), err().contains(config + ":2: [HTTP] Port is now [Node] HTTPPort"));
    }

    @Test
    public void versionPrintsTheVersion() {
        assertEquals(0, run("version"));
        assertTrue(out(), out().startsWith("pnode "));
    }

    @Test
    public void rpcWithoutAMethodExitsTwoWithItsUsage() {
        assertEquals(2, run("rpc"));
        assertTrue(err(), err().contains("Usage: pnode rpc"));
    }

    private int run(String... arguments) {
        return Main.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
