package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The distribution installs its plugin from a Maven repository: the helloworld zip as the artifact
 * {@code test.plugins:helloworld:1.0.0:zip} with the files a signed {@code mvn deploy} leaves beside it
 * ({@code .sha1}, and {@code .asc} made by gpg over the zip), verified with a local key given by Quorum's flags.
 * (The real {@code mvn deploy} is exercised in pnode-central's MavenCentralTest.)
 */
public class MavenCentralIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path gnupgHome;

    @Before
    public void gnupgHome() throws Exception {
        gnupgHome = Files.createDirectory(temp.getRoot().toPath().resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @After
    public void stopGpgAgent() throws Exception {
        run("gpgconf", "--kill", "gpg-agent");
    }

    @Test
    public void aPluginPublishedToAMavenRepositoryIsVerifiedInstalledAndServed() throws Exception {
        Path root = temp.getRoot().toPath();
        run("gpg", "--batch", "--passphrase", "", "--quick-gen-key", "maven publisher", "rsa2048", "sign", "never");
        Path publisherKey = Files.writeString(root.resolve("publisher.asc"), run("gpg", "--armor", "--export",
                "maven publisher"));
        Path repository = root.resolve("repository");
        Path version = Files.createDirectories(repository.resolve("test/plugins/helloworld/1.0.0"));
        Path zip = Files.copy(Path.of(System.getProperty("pnode.itest.plugins", "target/plugins"),
                "helloworld-1.0.0.zip"), version.resolve("helloworld-1.0.0.zip"));
        Files.writeString(version.resolve("helloworld-1.0.0.zip.sha1"), HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(zip))));
        run("gpg", "--batch", "--armor", "--detach-sign", "--local-user", "maven publisher", "--output",
                version.resolve("helloworld-1.0.0.zip.asc").toString(), zip.toString());
        Path settings = Files.writeString(root.resolve("plugins.json"), "{\"central\":{\"baseURL\":\""
                + repository.toUri() + "\",\"layout\":\"maven\",\"groupId\":\"test.plugins\"},"
                + "\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                + "\"config\":{\"language\":\"es\"}}}}");
        Path dataDir = root.resolve("data");

        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", "file://" + settings, "--plugins.localverify", "--plugins.publickey",
                "file://" + publisherKey)) {
            node.awaitLine("pnode started in", 120);
            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(), "plugin@helloworld_greeting",
                    "[\"Maven\"]");
            assertTrue(greeting, greeting.contains("Hola Maven!"));
            assertTrue(node.output(), node.output().contains("helloworld-1.0.0.zip: SHA-256"));
            assertEquals(0, node.terminate(30));
        }
        assertTrue(Files.isRegularFile(dataDir.resolve("plugins/helloworld-1.0.0.zip")));
    }

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().putAll(Map.of("GNUPGHOME", gnupgHome.toString()));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(String.join(" ", command) + " did not finish", process.waitFor(120, TimeUnit.SECONDS));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(String.join(" ", command) + " failed (gpg missing? apt-get install gnupg):\n" + text, 0,
                process.exitValue());
        return text;
    }
}
