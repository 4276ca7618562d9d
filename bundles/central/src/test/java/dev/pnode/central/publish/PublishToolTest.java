package dev.pnode.central.publish;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.PluginCentral;
import dev.pnode.central.Verification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The command line as the build and central operators use it, checked by installing what it publishes. */
public class PublishToolTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path root;
    private Path pluginZip;

    @Before
    public void makePluginZip() throws IOException {
        root = temp.getRoot().toPath();
        pluginZip = root.resolve("helloworld-1.0.0.zip");
        writeZip(pluginZip, "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"hw\",\"parameters\":[]}");
    }

    @Test
    public void keygenAndPublishMakeACentralThatInstallsVerified() throws Exception {
        assertEquals(0, run(Map.of(), "keygen", "--out", root.resolve("keys").toString(), "--name", "pnode build"));
        assertEquals(0, run(Map.of(), "publish", "--zip", pluginZip.toString(), "--key", secretKey().toString(),
                "--out", root.resolve("central").toString(), "--os", "linux", "--arch", "arm64"));

        Path central = root.resolve("central");
        assertTrue(Files.exists(central.resolve("maven/bin/helloworld/1.0.0/helloworld-1.0.0-linux-arm64.zip")));
        assertTrue(Files.exists(central.resolve(
                "maven/bin/helloworld/1.0.0/helloworld-1.0.0-linux-arm64-sha256.checksum.asc")));
        Path installed = new PluginCentral("linux", "arm64").install(CentralConfig.defaults(central.toUri()),
                "helloworld", "1.0.0", root.resolve("plugins"));
        PluginCentral.verifyRecordedDigest(installed);
    }

    @Test
    public void keygenProtectsTheSecretKeyAndNeverOverwrites() throws Exception {
        Path keys = root.resolve("keys");
        assertEquals(0, run(Map.of(), "keygen", "--out", keys.toString(), "--name", "ops", "--algorithm", "ed25519"));

        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(keys.resolve("secret-key.asc")));
        String before = Files.readString(keys.resolve("secret-key.asc"));
        assertEquals(1, run(Map.of(), "keygen", "--out", keys.toString(), "--name", "ops"));
        assertThat(stderr(), containsString("never overwrites"));
        assertEquals(before, Files.readString(keys.resolve("secret-key.asc")));
        assertEquals(0, run(Map.of(), "keygen", "--out", keys.toString(), "--name", "ops", "--keep-existing"));
        assertEquals(before, Files.readString(keys.resolve("secret-key.asc")));
    }

    @Test
    public void aPassphraseProtectedKeyNeedsItsPassphrase() throws Exception {
        Map<String, String> env = Map.of("CENTRAL_PASS", "correct horse", "WRONG_PASS", "battery staple");
        assertEquals(0, run(env, "keygen", "--out", root.resolve("keys").toString(), "--name", "ops", "--algorithm", "ed25519",
                "--passphrase-env", "CENTRAL_PASS"));
        String armored = Files.readString(secretKey());
        assertThat(armored, containsString("BEGIN PGP PRIVATE KEY BLOCK"));

        assertEquals(1, publish(env, "--passphrase-env", "WRONG_PASS"));
        assertThat(stderr(), containsString("cannot unlock secret key"));
        assertEquals(1, publish(env));
        assertEquals(0, publish(env, "--passphrase-env", "CENTRAL_PASS"));
    }

    @Test
    public void aCustomLayoutGetsQuorumsSignatureNameBesideIt() throws Exception {
        assertEquals(0, run(Map.of(), "keygen", "--out", root.resolve("keys").toString(), "--name", "ops", "--algorithm", "ed25519"));

        assertEquals(0, publish(Map.of(), "--layout", "{{.Name}}/{{.Name}}-{{.Version}}.zip"));

        assertTrue(Files.exists(root.resolve("central/helloworld/helloworld-1.0.0.zip")));
        assertTrue(Files.exists(root.resolve("central/helloworld/helloworld-1.0.0-sha256.checksum.asc")));
    }

    @Test
    public void exportPublicWritesAKeyThatVerifies() throws Exception {
        assertEquals(0, run(Map.of(), "keygen", "--out", root.resolve("keys").toString(), "--name", "ops", "--algorithm", "ed25519"));
        assertEquals(0, publish(Map.of(), "--no-public-key"));
        assertTrue(Files.notExists(root.resolve("central/gpg.key")));
        Path exported = root.resolve("exported.asc");

        assertEquals(0, run(Map.of(), "export-public", "--key", secretKey().toString(), "--out", exported.toString()));

        CentralConfig config = CentralConfig.defaults(root.resolve("central").toUri())
                .withVerification(Verification.localKey(exported));
        new PluginCentral().install(config, "helloworld", "1.0.0", root.resolve("plugins"));
    }

    @Test
    public void refusesToPublishAZipWithoutPluginMeta() throws Exception {
        assertEquals(0, run(Map.of(), "keygen", "--out", root.resolve("keys").toString(), "--name", "ops", "--algorithm", "ed25519"));
        writeZip(pluginZip, null);

        assertEquals(1, publish(Map.of()));
        assertThat(stderr(), containsString("has no plugin-meta.json"));
    }

    @Test
    public void explainsUsageErrors() throws Exception {
        assertEquals(2, run(Map.of()));
        assertEquals(2, run(Map.of(), "sign"));
        assertThat(stderr(), containsString("unknown command 'sign'"));
        assertEquals(2, run(Map.of(), "publish", "--key", "k.asc", "--out", "dir"));
        assertThat(stderr(), containsString("--zip is required"));
        assertEquals(2, run(Map.of(), "keygen", "--out", "dir", "--name", "x", "--colour", "red"));
        assertThat(stderr(), containsString("unknown option --colour"));
        assertEquals(2, run(Map.of(), "keygen", "--out"));
        assertThat(stderr(), containsString("--out needs a value"));
        assertEquals(2, run(Map.of(), "keygen", "--out", "dir", "--name", "x", "--passphrase-env", "UNSET_VAR"));
        assertThat(stderr(), containsString("UNSET_VAR, which is not set"));
        assertEquals(2, run(Map.of(), "publish", "--zip", "z", "--key", "k", "--out", "o", "--layout", "{{.Name}}.tgz"));
        assertThat(stderr(), containsString("give --sig-layout too"));
    }

    private int publish(Map<String, String> env, String... extra) {
        String[] base = {"publish", "--zip", pluginZip.toString(), "--key", secretKey().toString(),
                "--out", root.resolve("central").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(env, args);
    }

    private Path secretKey() {
        return root.resolve("keys").resolve(PublishTool.SECRET_KEY_OUT);
    }

    private int run(Map<String, String> env, String... args) {
        err.reset();
        return new PublishTool(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void writeZip(Path zip, String pluginMeta) throws IOException {
        try (ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(zip))) {
            if (pluginMeta != null) {
                zipOut.putNextEntry(new ZipEntry("plugin-meta.json"));
                zipOut.write(pluginMeta.getBytes(StandardCharsets.UTF_8));
            }
            zipOut.putNextEntry(new ZipEntry("hw"));
            zipOut.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
