package dev.pnode.central;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.central.publish.CentralPublisher;
import dev.pnode.central.publish.CentralPublisher.Published;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The README's gpg recipe and ours are interchangeable: gpg's signatures (over the digest with the newline
 * {@code sha256sum | cut} leaves) verify here, and our signatures verify in gpg. Skipped where gpg is missing.
 */
public class GpgInteropTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path gnupgHome;
    private Path centralDir;
    private Published published;

    @Before
    public void requireGpg() throws Exception {
        assertTrue("gpg is not installed: apt-get install gnupg (.ci/run does this)", gpgAvailable());
        gnupgHome = temp.newFolder("gnupg").toPath();
        Files.setPosixFilePermissions(gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        centralDir = temp.newFolder("central").toPath();
        published = new CentralPublisher(TestKeys.signer(TestKeys.central()), CentralConfig.DEFAULT_DIST_PATH_TEMPLATE,
                CentralConfig.DEFAULT_SIG_PATH_TEMPLATE, "linux", "amd64")
                .publish(TestPlugins.zip(temp.newFolder("work").toPath(), "helloworld", "1.0.0"), centralDir);
    }

    @After
    public void stopGpgAgent() throws Exception {
        if (gnupgHome != null) {
            gpg("gpgconf", "--kill", "gpg-agent");
        }
    }

    @Test
    public void acceptsASignatureMadeWithGpgOverTheDigestAndNewline() throws Exception {
        gpg("gpg", "--batch", "--passphrase", "", "--quick-gen-key", "gpg central", "ed25519", "sign", "never");
        Path publicKey = temp.getRoot().toPath().resolve("gpg-public.asc");
        Files.writeString(publicKey, gpg("gpg", "--armor", "--export", "gpg central"));
        Path digestFile = temp.getRoot().toPath().resolve("digest.txt");
        Files.writeString(digestFile, published.sha256Hex() + "\n", StandardCharsets.US_ASCII);
        Files.delete(published.signature());
        gpg("gpg", "--batch", "--armor", "--detach-sign", "--output", published.signature().toString(),
                digestFile.toString());

        CentralConfig config = CentralConfig.defaults(centralDir.toUri()).withVerification(Verification.localKey(publicKey));
        new PluginCentral("linux", "amd64").install(config, "helloworld", "1.0.0",
                temp.getRoot().toPath().resolve("plugins"));
    }

    @Test
    public void gpgAcceptsOurSignature() throws Exception {
        Path publicKey = temp.getRoot().toPath().resolve("central-public.asc");
        Files.writeString(publicKey, TestKeys.central().publicKeyArmored());
        gpg("gpg", "--batch", "--import", publicKey.toString());
        Path digestFile = temp.getRoot().toPath().resolve("digest.txt");
        Files.writeString(digestFile, published.sha256Hex(), StandardCharsets.US_ASCII);

        gpg("gpg", "--batch", "--verify", published.signature().toString(), digestFile.toString());
    }

    private static boolean gpgAvailable() {
        try {
            return new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a gpg tool with the test's own GNUPGHOME and returns its standard output; fails on a non-zero exit. */
    private String gpg(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("GNUPGHOME", gnupgHome.toString());
        Path errors = Files.createTempFile(temp.getRoot().toPath(), "gpg", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        assertEquals(String.join(" ", command) + ": " + Files.readString(errors), 0, process.exitValue());
        return output;
    }
}
