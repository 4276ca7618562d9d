package dev.pnode.central;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.pnode.central.CentralException.Failure;
import dev.pnode.central.internal.Sha256;
import dev.pnode.central.publish.CentralPublisher;
import dev.pnode.central.publish.CentralPublisher.Published;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Installs from a real central (files made by the publish tool, served by an HTTP server in this JVM). */
public class PluginCentralTest {

    private static final String OS = "linux";
    private static final String ARCH = "amd64";
    private static final String NAME = "helloworld";
    private static final String VERSION = "1.0.0";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final PluginCentral central = new PluginCentral(OS, ARCH);
    private Path centralDir;
    private Path baseDir;
    private Path work;
    private Published published;
    private CentralServer server;

    @Before
    public void publishHelloworld() throws Exception {
        centralDir = temp.newFolder("central").toPath();
        work = temp.newFolder("work").toPath();
        baseDir = temp.getRoot().toPath().resolve("plugins");
        published = publisher().publish(TestPlugins.zip(work, NAME, VERSION), centralDir);
        Files.writeString(centralDir.resolve("gpg.key"), TestKeys.central().publicKeyArmored());
    }

    @After
    public void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void installsAVerifiedZipAndRecordsItsDigest() throws Exception {
        Path installed = central.install(httpConfig(), NAME, VERSION, baseDir);

        assertEquals(baseDir.resolve("helloworld-1.0.0.zip"), installed);
        assertArrayEquals(Files.readAllBytes(published.zip()), Files.readAllBytes(installed));
        assertEquals(published.sha256Hex() + "  helloworld-1.0.0.zip\n",
                Files.readString(baseDir.resolve("helloworld-1.0.0.zip.sha256")));
        assertEquals(List.of("helloworld-1.0.0.zip", "helloworld-1.0.0.zip.sha256"), filesIn(baseDir));
        PluginCentral.verifyRecordedDigest(installed);
    }

    @Test
    public void usesQuorumsDefaultLayout() throws Exception {
        URI zipUrl = central.distributionUrl(CentralConfig.defaults(URI.create("https://central.example/repo")),
                NAME, VERSION);
        URI sigUrl = central.signatureUrl(CentralConfig.defaults(URI.create("https://central.example/repo")),
                NAME, VERSION);

        assertEquals("https://central.example/repo/maven/bin/helloworld/1.0.0/helloworld-1.0.0-linux-amd64.zip",
                zipUrl.toString());
        assertEquals("https://central.example/repo/maven/bin/helloworld/1.0.0/"
                + "helloworld-1.0.0-linux-amd64-sha256.checksum.asc", sigUrl.toString());
    }

    @Test
    public void logsTheProgressOfALargeDownload() throws Exception {
        published = publisher().publish(TestPlugins.zip(work, NAME, VERSION, 3 * 1024 * 1024), centralDir);
        try (LogCapture logs = new LogCapture("dev.pnode.central")) {
            central.install(httpConfig(), NAME, VERSION, baseDir);

            List<String> progress = logs.messages(java.util.logging.Level.INFO).stream()
                    .filter(m -> m.contains("% (")).toList();
            assertTrue("progress lines: " + progress, progress.size() >= 5);
        }
    }

    @Test
    public void tellsAListenerHowTheDownloadGoes() throws Exception {
        List<long[]> calls = new java.util.ArrayList<>();

        central.install(httpConfig(), NAME, VERSION, baseDir, (url, received, total) -> calls.add(new long[] {received, total}));

        long size = Files.size(published.zip());
        assertArrayEquals(new long[] {size, size}, calls.get(calls.size() - 1));
    }

    @Test
    public void fetchesThePublicKeyFromAnAbsoluteUrl() throws Exception {
        Files.move(centralDir.resolve("gpg.key"), Files.createDirectories(centralDir.resolve("keys")).resolve("k.asc"));
        CentralConfig config = httpConfig();

        central.install(config.withVerification(Verification.online(config.baseUrl().resolve("/keys/k.asc"))),
                NAME, VERSION, baseDir);
    }

    @Test
    public void reportsABaseDirThatIsNotADirectory() throws Exception {
        Files.writeString(baseDir, "a file where the plugin directory should be");

        try {
            central.install(httpConfig(), NAME, VERSION, baseDir);
            fail("installed into a file");
        } catch (CentralException e) {
            assertEquals(Failure.LOCAL_IO, e.failure());
            assertThat(e.getMessage(), containsString("plugin directory " + baseDir));
        }
    }

    @Test
    public void missingZipIsNotFoundAndNotRetried() throws Exception {
        CentralException e = installFails(httpConfig().withRetries(3), "nosuchplugin", VERSION, Failure.NOT_FOUND);

        assertThat(e.getMessage(), containsString("HTTP 404"));
        assertThat(e.getMessage(), containsString("nosuchplugin-1.0.0-linux-amd64.zip"));
        assertEquals(1, server.hits(central.distributionUrl(httpConfig(), "nosuchplugin", VERSION)));
    }

    @Test
    public void retriesAfterServerErrorsAndThenInstalls() throws Exception {
        CentralConfig config = httpConfig().withRetries(2);
        URI zipUrl = central.distributionUrl(config, NAME, VERSION);
        server.script(zipUrl, CentralServer.status(500), CentralServer.status(429));

        central.install(config, NAME, VERSION, baseDir);

        assertEquals(3, server.hits(zipUrl));
        PluginCentral.verifyRecordedDigest(baseDir.resolve("helloworld-1.0.0.zip"));
    }

    @Test
    public void givesUpWhenServerErrorsOutlastTheRetries() throws Exception {
        CentralConfig config = httpConfig().withRetries(1);
        URI zipUrl = central.distributionUrl(config, NAME, VERSION);
        server.script(zipUrl, CentralServer.status(503), CentralServer.status(503));

        CentralException e = installFails(config, Failure.TRANSFER);

        assertThat(e.getMessage(), containsString("HTTP 503"));
        assertThat(e.getMessage(), containsString("gave up after 2 attempts"));
    }

    @Test
    public void doesNotRetryOtherClientErrors() throws Exception {
        CentralConfig config = httpConfig().withRetries(3);
        URI zipUrl = central.distributionUrl(config, NAME, VERSION);
        server.script(zipUrl, CentralServer.status(403));

        CentralException e = installFails(config, Failure.TRANSFER);

        assertThat(e.getMessage(), containsString("HTTP 403"));
        assertEquals(1, server.hits(zipUrl));
    }

    @Test
    public void followsARedirectToAnotherServer() throws Exception {
        CentralConfig config = httpConfig();
        URI zipUrl = central.distributionUrl(config, NAME, VERSION);
        try (CentralServer mirror = CentralServer.http(centralDir)) {
            URI mirrored = mirror.baseUrl().resolve(CentralServer.pathOf(zipUrl));
            server.script(zipUrl, CentralServer.redirect(302, mirrored));

            central.install(config, NAME, VERSION, baseDir);

            assertEquals(1, mirror.hits(mirrored));
        }
        PluginCentral.verifyRecordedDigest(baseDir.resolve("helloworld-1.0.0.zip"));
    }

    @Test
    public void givesUpAfterFiveRedirects() throws Exception {
        CentralConfig config = httpConfig().withRetries(2);
        URI zipUrl = central.distributionUrl(config, NAME, VERSION);
        for (int i = 0; i < 6; i++) {
            server.script(zipUrl, CentralServer.redirect(307, zipUrl));
        }

        CentralException e = installFails(config, Failure.TRANSFER);

        assertThat(e.getMessage(), containsString("redirected more than 5 times"));
        assertEquals("a redirect loop is not retried", 6, server.hits(zipUrl));
    }

    @Test
    public void refusesAZipWhoseSignatureIsForAnotherDigest() throws Exception {
        Path otherZip = TestPlugins.zip(work, NAME, "9.9.9");
        String otherSignature = TestKeys.signer(TestKeys.central()).sign(
                Sha256.hexOf(otherZip));
        Files.writeString(published.signature(), otherSignature);

        CentralException e = installFails(httpConfig(), Failure.SIGNATURE);

        assertThat(e.getMessage(), containsString("does not match SHA-256 " + published.sha256Hex()));
        assertThat(e.getMessage(), containsString(published.signature().getFileName().toString()));
    }

    @Test
    public void refusesASignatureByAnotherKey() throws Exception {
        Files.writeString(published.signature(), TestKeys.signer(TestKeys.stranger()).sign(published.sha256Hex()));

        CentralException e = installFails(httpConfig(), Failure.SIGNATURE);

        assertThat(e.getMessage(), containsString("key " + TestKeys.stranger().keyId() + " is not among the trusted keys"));
        assertThat(e.getMessage(), containsString(TestKeys.central().keyId()));
    }

    @Test
    public void refusesATamperedZip() throws Exception {
        byte[] zip = Files.readAllBytes(published.zip());
        zip[zip.length / 2] ^= 0x01;
        Files.write(published.zip(), zip);

        CentralException e = installFails(httpConfig(), Failure.SIGNATURE);

        assertThat(e.getMessage(), containsString("the zip or its signature was altered"));
    }

    @Test
    public void refusesAGarbledSignature() throws Exception {
        Files.writeString(published.signature(), "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n"
                + "-----END PGP SIGNATURE-----\n");

        installFails(httpConfig(), Failure.SIGNATURE);
    }

    @Test
    public void refusesAnEmptyZipInsteadOfCachingIt() throws Exception {
        CentralConfig config = httpConfig();
        server.script(central.distributionUrl(config, NAME, VERSION), CentralServer.body(new byte[0]));

        CentralException e = installFails(config, Failure.INCOMPLETE);

        assertThat(e.getMessage(), containsString("is empty"));
    }

    @Test
    public void refusesAPluginMetaForAnotherVersion() throws Exception {
        Published wrong = publisher().publish(TestPlugins.zip(work, NAME, "2.0.0"), centralDir);
        Files.move(wrong.zip(), published.zip(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(wrong.signature(), published.signature(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        CentralException e = installFails(httpConfig(), Failure.PLUGIN_META);

        assertThat(e.getMessage(), containsString("contains plugin helloworld 2.0.0"));
        assertThat(e.getMessage(), containsString("but helloworld 1.0.0 was requested"));
    }

    @Test
    public void refusesAZipLargerThanTheLimit() throws Exception {
        CentralException e = installFails(httpConfig().withMaxSizeBytes(100), Failure.TOO_LARGE);

        assertThat(e.getMessage(), containsString("limit of 100 bytes"));
    }

    @Test
    public void countsBytesWhenTheServerAnnouncesNoSize() throws Exception {
        CentralConfig config = httpConfig().withMaxSizeBytes(100);
        server.script(central.distributionUrl(config, NAME, VERSION), CentralServer.chunked());

        installFails(config, Failure.TOO_LARGE);
    }

    @Test
    public void timesOutWhenTheServerNeverAnswers() throws Exception {
        CentralConfig config = httpConfig().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
        server.script(central.distributionUrl(config, NAME, VERSION), CentralServer.stallBeforeHeaders());

        CentralException e = installFails(config, Failure.TIMEOUT);

        assertThat(e.getMessage(), containsString("no response"));
    }

    @Test
    public void timesOutWhenTheBodyStalls() throws Exception {
        CentralConfig config = httpConfig().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
        server.script(central.distributionUrl(config, NAME, VERSION), CentralServer.stallAfter(10));

        CentralException e = installFails(config, Failure.TIMEOUT);

        assertThat(e.getMessage(), containsString("timed out after 10 of "));
    }

    @Test
    public void retriesATruncatedBody() throws Exception {
        CentralConfig config = httpConfig().withRetries(1);
        URI zipUrl = central.distributionUrl(config, NAME, VERSION);
        server.script(zipUrl, CentralServer.truncateAfter(10));

        central.install(config, NAME, VERSION, baseDir);

        assertEquals(2, server.hits(zipUrl));
    }

    @Test
    public void reportsATruncatedBody() throws Exception {
        CentralConfig config = httpConfig();
        server.script(central.distributionUrl(config, NAME, VERSION), CentralServer.truncateAfter(10));

        CentralException e = installFails(config, Failure.INCOMPLETE);

        assertThat(e.getMessage(), containsString("broke after 10 of " + Files.size(published.zip()) + " bytes"));
    }

    @Test
    public void reportsARefusedConnection() throws Exception {
        CentralConfig config = CentralConfig.defaults(URI.create("http://127.0.0.1:1/")).withRetries(0);

        CentralException e = installFails(config, Failure.TRANSFER);

        assertThat(e.getMessage(), containsString("cannot connect to 127.0.0.1 port 1"));
    }

    @Test
    public void anInterruptEndsTheInstall() throws Exception {
        CentralConfig config = httpConfig().withRetries(3);
        Thread.currentThread().interrupt();
        try {
            CentralException e = installFails(config, Failure.TRANSFER);

            assertThat(e.getMessage(), containsString("interrupted while downloading"));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void installsFromAFileCentral() throws Exception {
        CentralConfig config = CentralConfig.defaults(centralDir.toUri()).withRetries(0);

        Path installed = central.install(config, NAME, VERSION, baseDir);

        PluginCentral.verifyRecordedDigest(installed);
    }

    @Test
    public void reportsAMissingFileInAFileCentral() throws Exception {
        CentralConfig config = CentralConfig.defaults(centralDir.toUri()).withRetries(3);

        CentralException e = installFails(config, "nosuchplugin", VERSION, Failure.NOT_FOUND);

        assertThat(e.getMessage(), containsString("nosuchplugin-1.0.0-linux-amd64.zip"));
    }

    @Test
    public void verifiesWithALocalKeyFile() throws Exception {
        Path keyFile = work.resolve("central-key.asc");
        Files.writeString(keyFile, TestKeys.central().publicKeyArmored());
        Files.delete(centralDir.resolve("gpg.key"));

        central.install(httpConfig().withVerification(Verification.localKey(keyFile)), NAME, VERSION, baseDir);
    }

    @Test
    public void reportsAMissingLocalKeyFile() throws Exception {
        Path keyFile = work.resolve("no-such-key.asc");

        CentralException e = installFails(httpConfig().withVerification(Verification.localKey(keyFile)),
                Failure.CONFIGURATION);

        assertThat(e.getMessage(), containsString(keyFile.toString()));
    }

    @Test
    public void reportsAMissingOnlineKey() throws Exception {
        Files.delete(centralDir.resolve("gpg.key"));

        CentralException e = installFails(httpConfig(), Failure.NOT_FOUND);

        assertThat(e.getMessage(), containsString("gpg.key"));
    }

    @Test
    public void skipModeInstallsWithoutSignatureAndWarnsEveryTime() throws Exception {
        Files.delete(published.signature());
        CentralConfig config = httpConfig().withVerification(Verification.skip());
        try (LogCapture logs = new LogCapture("dev.pnode.central")) {
            central.install(config, NAME, VERSION, baseDir);
            central.install(config, NAME, VERSION, baseDir);

            long warnings = logs.warnings().stream()
                    .filter(w -> w.contains("signature verification is DISABLED for plugin central")).count();
            assertEquals(2, warnings);
        }
    }

    @Test
    public void aFailedDownloadLeavesTheInstalledZipAlone() throws Exception {
        Path installed = central.install(httpConfig(), NAME, VERSION, baseDir);
        byte[] before = Files.readAllBytes(installed);
        Files.writeString(published.signature(), TestKeys.signer(TestKeys.stranger()).sign(published.sha256Hex()));

        try {
            central.install(httpConfig(), NAME, VERSION, baseDir);
            fail("a signature by another key must be refused");
        } catch (CentralException expected) {
            assertEquals(Failure.SIGNATURE, expected.failure());
        }

        assertArrayEquals(before, Files.readAllBytes(installed));
        assertEquals(List.of("helloworld-1.0.0.zip", "helloworld-1.0.0.zip.sha256"), filesIn(baseDir));
        PluginCentral.verifyRecordedDigest(installed);
    }

    @Test
    public void recordedDigestCatchesASwappedZip() throws Exception {
        Path installed = central.install(httpConfig(), NAME, VERSION, baseDir);
        Files.copy(TestPlugins.zip(work, NAME, VERSION, 10), installed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try {
            PluginCentral.verifyRecordedDigest(installed);
            fail("a zip replaced after installation must be refused");
        } catch (CentralException e) {
            assertEquals(Failure.DIGEST_MISMATCH, e.failure());
            assertThat(e.getMessage(), containsString("recorded " + published.sha256Hex()));
        }
    }

    @Test
    public void aZipInstalledByHandHasNoRecordAndIsAccepted() throws Exception {
        Path byHand = Files.createDirectories(baseDir).resolve("helloworld-1.0.0.zip");
        Files.copy(published.zip(), byHand);

        PluginCentral.verifyRecordedDigest(byHand);
    }

    @Test
    public void anUnreadableRecordIsAnError() throws Exception {
        Path installed = central.install(httpConfig(), NAME, VERSION, baseDir);
        Files.writeString(baseDir.resolve("helloworld-1.0.0.zip.sha256"), "not a digest\n");

        try {
            PluginCentral.verifyRecordedDigest(installed);
            fail("a garbled record must not count as no record");
        } catch (CentralException e) {
            assertEquals(Failure.LOCAL_IO, e.failure());
        }
    }

    @Test
    public void rejectsNamesThatCouldEscapeTheDirectory() throws Exception {
        for (String bad : new String[] {"../evil", "a/b", ".hidden", "a..b", ""}) {
            try {
                central.install(httpConfig(), bad, VERSION, baseDir);
                fail("accepted plugin name '" + bad + "'");
            } catch (CentralException e) {
                assertEquals(Failure.CONFIGURATION, e.failure());
            }
        }
        assertFalse(Files.exists(baseDir));
    }

    private CentralPublisher publisher() throws Exception {
        return new CentralPublisher(TestKeys.signer(TestKeys.central()), CentralConfig.DEFAULT_DIST_PATH_TEMPLATE,
                CentralConfig.DEFAULT_SIG_PATH_TEMPLATE, OS, ARCH);
    }

    private CentralConfig httpConfig() throws IOException {
        if (server == null) {
            server = CentralServer.http(centralDir);
        }
        return CentralConfig.defaults(server.baseUrl()).withRetries(0)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private CentralException installFails(CentralConfig config, Failure expected) throws IOException {
        return installFails(config, NAME, VERSION, expected);
    }

    private CentralException installFails(CentralConfig config, String name, String version, Failure expected)
            throws IOException {
        try {
            central.install(config, name, version, baseDir);
        } catch (CentralException e) {
            assertEquals("failure kind of: " + e.getMessage(), expected, e.failure());
            assertTrue("nothing may be left in " + baseDir + ": " + filesIn(baseDir), filesIn(baseDir).isEmpty());
            return e;
        }
        throw new AssertionError("install of " + name + " " + version + " succeeded but must fail");
    }

    static List<String> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
