package dev.pnode.host.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.MavenArtifact;
import dev.pnode.central.MavenLayout;
import dev.pnode.central.Platform;
import dev.pnode.central.Verification;
import dev.pnode.host.settings.CentralSettings;
import dev.pnode.host.settings.ConfigSource;
import dev.pnode.host.settings.ProviderSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CentralPluginSourceTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void quorumDefaultsBecomeTheCentralClientsDefaults() throws Exception {
        CentralConfig config = CentralPluginSource.config(new CentralSettings(null, "", null, false, null, null));
        assertEquals(URI.create(CentralSettings.DEFAULT_BASE_URL), config.baseUrl());
        assertEquals(Verification.onlineDefault(), config.verification());
        assertEquals(Optional.empty(), config.certFingerprint());
        assertFalse(config.insecureSkipTlsVerify());
        assertEquals(CentralConfig.DEFAULT_DIST_PATH_TEMPLATE, config.distPathTemplate());
        assertEquals(CentralConfig.DEFAULT_SIG_PATH_TEMPLATE, config.sigPathTemplate());
    }

    @Test
    public void everySettingIsPassedOn() throws Exception {
        CentralConfig config = CentralPluginSource.config(new CentralSettings("https://plugins.example.com",
                "AB:" + "c".repeat(62), "https://keys.example.com/k.asc", true, "{{.Name}}.zip", "{{.Name}}.asc"));
        assertEquals(URI.create("https://plugins.example.com/"), config.baseUrl());
        assertEquals(Optional.of("ab" + "c".repeat(62)), config.certFingerprint());
        assertEquals(Verification.online(URI.create("https://keys.example.com/k.asc")), config.verification());
        assertTrue(config.insecureSkipTlsVerify());
        assertEquals("{{.Name}}.zip", config.distPathTemplate());
        assertEquals("{{.Name}}.asc", config.sigPathTemplate());
    }

    @Test
    public void unusableTemplatesAreAClearError() {
        String message = assertThrows(DiscoveryException.class, () -> CentralPluginSource.config(
                new CentralSettings(null, "", null, false, "{{.Nope}}.zip", null))).getMessage();
        assertTrue(message, message.contains("plugin central settings are unusable"));
    }

    @Test
    public void aPluginTheCentralDoesNotHaveIsAClearErrorAndLeavesNothingBehind() throws Exception {
        Path central = temp.newFolder("central").toPath();
        Path baseDir = temp.newFolder("plugins").toPath();
        ProviderSettings hello =
                new ProviderSettings("helloworld", "helloworld", "1.0.0", new ConfigSource.Inline("helloworld", ""));
        String message = assertThrows(DiscoveryException.class, () -> new CentralPluginSource(
                new Platform("linux", "amd64")).install(hello, new CentralSettings(central.toUri().toString(), "",
                null, false, null, null), baseDir)).getMessage();
        assertTrue(message, message.contains("helloworld 1.0.0"));
        assertTrue(message, message.contains("plugin central could not provide it"));
        try (Stream<Path> left = Files.list(baseDir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    public void verificationFollowsTheSettings() throws Exception {
        Path key = temp.newFile("central-key.asc").toPath();
        assertEquals(Verification.online(java.net.URI.create("gpg.key")),
                CentralPluginSource.verification(new CentralSettings(null, "", null, false, null, null)));
        assertEquals(Verification.localKey(key), CentralPluginSource.verification(
                new CentralSettings(null, "", null, false, null, null, Optional.of(key), false)));
        assertEquals(Verification.skip(), CentralPluginSource.verification(
                new CentralSettings(null, "", null, false, null, null, Optional.empty(), true)));
        assertEquals(Verification.localKey(key), CentralPluginSource.config(
                new CentralSettings(null, "", null, false, null, null, Optional.of(key), false)).verification());
    }

    @Test
    public void aMavenCentralIsMappedWithItsGroupId() throws Exception {
        CentralConfig config = CentralPluginSource.config(new CentralSettings("https://repo.example.org/maven2", "",
                null, false, null, null, Optional.empty(), false, Optional.of(new MavenLayout(Optional.of("org.ex")))));
        assertEquals(Optional.of(new MavenLayout(Optional.of("org.ex"))), config.maven());
    }

    @Test
    public void aProvidersMvnCoordinatesAreWhereTheMavenCentralIsAsked() throws Exception {
        Path repository = temp.newFolder("repository").toPath();
        Path version = Files.createDirectories(repository.resolve("org/ex/hello-plugin/2.0.0"));
        Path zip = version.resolve("hello-plugin-2.0.0-plugin.zip");
        TestZip.plugin("helloworld", "1.0.0", "run").writeTo(zip);
        Files.writeString(version.resolve("hello-plugin-2.0.0-plugin.zip.sha1"), java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(zip))));
        Path baseDir = temp.newFolder("plugins").toPath();
        ProviderSettings hello = new ProviderSettings("helloworld", "helloworld", "1.0.0",
                new ConfigSource.Inline("helloworld", ""), false, Optional.empty(),
                Optional.of(MavenArtifact.parse("mvn:org.ex/hello-plugin/2.0.0/zip/plugin")));
        CentralSettings central = new CentralSettings(repository.toUri().toString(), "", null, false, null, null,
                Optional.empty(), true, Optional.of(new MavenLayout(Optional.empty())));

        Path installed = new CentralPluginSource(new Platform("linux", "amd64")).install(hello, central, baseDir);

        assertEquals(baseDir.resolve("helloworld-1.0.0.zip"), installed);
    }

    @Test
    public void aCheckedZipIsRecordedWithItsDigestRecord() throws Exception {
        Path zip = installed("helloworld-1.0.0.zip", "the zip's bytes", null);
        source().verifyInstalled(zip);
        Path stamp = CentralPluginSource.checkedStampOf(zip);
        assertEquals(ExtractionStamp.describeFiles(List.of(zip, zip.resolveSibling(zip.getFileName() + ".sha256"))),
                Optional.of(Files.readString(stamp)));
    }

    /** The stamp stands for a passed check: a zip and record that look as it recorded are not hashed again. */
    @Test
    public void aZipThatLooksAsWhenItsCheckPassedIsNotHashedAgain() throws Exception {
        Path zip = installed("helloworld-1.0.0.zip", "the zip's bytes", "0".repeat(64));
        Path record = zip.resolveSibling(zip.getFileName() + ".sha256");
        ExtractionStamp.write(ExtractionStamp.describeFiles(List.of(zip, record)).orElseThrow(),
                CentralPluginSource.checkedStampOf(zip));
        source().verifyInstalled(zip); // hashing it would refuse it: the record names another digest
    }

    @Test
    public void aZipReplacedAfterItsCheckIsRefused() throws Exception {
        Path zip = installed("helloworld-1.0.0.zip", "the zip's bytes", null);
        source().verifyInstalled(zip);
        FileTime modified = Files.getLastModifiedTime(zip);
        Path replacement = Files.writeString(zip.resolveSibling("replacement"), "the zip's byteZ");
        Files.setLastModifiedTime(replacement, modified);
        Files.move(replacement, zip, StandardCopyOption.REPLACE_EXISTING);
        String message = assertThrows(DiscoveryException.class, () -> source().verifyInstalled(zip)).getMessage();
        assertTrue(message, message.contains("was changed or replaced"));
    }

    @Test
    public void aDigestRecordReplacedAfterTheCheckIsCheckedAgain() throws Exception {
        Path zip = installed("helloworld-1.0.0.zip", "the zip's bytes", null);
        source().verifyInstalled(zip);
        Path record = zip.resolveSibling(zip.getFileName() + ".sha256");
        Path replacement = Files.writeString(zip.resolveSibling("record"), "0".repeat(64) + "  " + zip.getFileName());
        Files.move(replacement, record, StandardCopyOption.REPLACE_EXISTING);
        assertThrows(DiscoveryException.class, () -> source().verifyInstalled(zip));
    }

    private static CentralPluginSource source() {
        return new CentralPluginSource(new Platform("linux", "amd64"));
    }

    /** A zip as the central leaves it: its bytes and its digest record ({@code digest} null: the right one). */
    private Path installed(String name, String bytes, String digest) throws Exception {
        Path baseDir = temp.newFolder("plugins").toPath();
        Path zip = Files.writeString(baseDir.resolve(name), bytes);
        String recorded = digest != null ? digest : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(baseDir.resolve(name + ".sha256"), recorded + "  " + name + "\n");
        return zip;
    }
}
