package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A Quorum operator's command line, unchanged apart from the binary's name, against the real distribution: the
 * settings as a {@code file:///} URL and Quorum's verification flags over the JSON.
 */
public class QuorumCommandLineIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path root;
    private Path keys;
    private Path settings;
    private Path dataDir;

    /** A central without {@code gpg.key}: only a local key can verify its plugin. */
    @Before
    public void centralWithoutItsKey() throws Exception {
        root = temp.getRoot().toPath();
        keys = root.resolve("keys");
        Path central = root.resolve("central");
        NodeProcess.run("central", "keygen", "--out", keys.toString(), "--name", "quorum test central");
        NodeProcess.run("central", "publish", "--no-public-key", "--zip",
                Path.of(System.getProperty("pnode.itest.plugins", "target/plugins"), "helloworld-1.0.0.zip").toString(),
                "--key", keys.resolve("secret-key.asc").toString(), "--out", central.toString());
        settings = Files.writeString(root.resolve("plugins.json"),
                "{\"central\":{\"baseURL\":\"" + central.toUri() + "\"},"
                        + "\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                        + "\"config\":{\"language\":\"en\"}}}}");
        dataDir = root.resolve("data");
    }

    @Test
    public void localVerifyWithAPublicKeyUrlInstallsAndServesThePlugin() throws Exception {
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", "file://" + settings, "--plugins.localverify",
                "--plugins.publickey", "file://" + keys.resolve("public-key.asc"))) {
            node.awaitLine("pnode started in", 120);
            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(),
                    "plugin@helloworld_greeting", "[\"Quorum\"]");
            assertTrue(greeting, greeting.contains("Hello Quorum!"));
            assertEquals(0, node.terminate(30));
        }
    }

    @Test
    public void localVerifyWithAnotherKeyRefusesThePluginAndFailsTheStart() throws Exception {
        Path otherKeys = root.resolve("other-keys");
        NodeProcess.run("central", "keygen", "--out", otherKeys.toString(), "--name", "someone else");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", "file://" + settings, "--plugins.localverify",
                "--plugins.publickey", "file://" + otherKeys.resolve("public-key.asc"))) {
            assertEquals(node.output(), 1, node.awaitExit(120));
            assertTrue(node.output(), node.output().contains("is not among the trusted keys from "
                    + otherKeys.resolve("public-key.asc")));
        }
        assertFalse("nothing installed", Files.exists(dataDir.resolve("plugins/helloworld-1.0.0.zip")));
    }

    @Test
    public void aPluginSettingsFileWithBadJsonFailsTheStartNamingTheLine() throws Exception {
        Files.writeString(settings, "{\n  \"providers\": {,}\n}");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", "file://" + settings)) {
            assertEquals(node.output(), 1, node.awaitExit(120));
            assertTrue(node.output(), node.output().contains("plugin settings " + settings + ": invalid JSON at line 2"));
        }
    }
}
