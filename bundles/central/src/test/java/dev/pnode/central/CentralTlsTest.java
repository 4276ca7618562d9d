package dev.pnode.central;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.pnode.central.CentralException.Failure;
import dev.pnode.central.TestCertificates.ServerIdentity;
import dev.pnode.central.publish.CentralPublisher;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** HTTPS centrals: JDK trust by default, certificate pinning, and the insecure switch. */
public class CentralTlsTest {

    private static ServerIdentity identity;
    private static ServerIdentity otherIdentity;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final PluginCentral central = new PluginCentral("linux", "amd64");
    private Path baseDir;
    private CentralServer server;

    @BeforeClass
    public static void makeCertificates() throws Exception {
        identity = TestCertificates.selfSignedLocalhost();
        otherIdentity = TestCertificates.selfSignedLocalhost();
    }

    @Before
    public void startHttpsCentral() throws Exception {
        Path centralDir = temp.newFolder("central").toPath();
        new CentralPublisher(TestKeys.signer(TestKeys.central()), CentralConfig.DEFAULT_DIST_PATH_TEMPLATE,
                CentralConfig.DEFAULT_SIG_PATH_TEMPLATE, "linux", "amd64")
                .publish(TestPlugins.zip(temp.newFolder("work").toPath(), "helloworld", "1.0.0"), centralDir);
        Files.writeString(centralDir.resolve("gpg.key"), TestKeys.central().publicKeyArmored());
        baseDir = temp.getRoot().toPath().resolve("plugins");
        server = CentralServer.https(centralDir, identity.serverContext());
    }

    @After
    public void stopServer() {
        server.close();
    }

    @Test
    public void refusesAnUntrustedCertificateByDefault() throws Exception {
        CentralException e = installFails(config());

        assertThat(e.getMessage(), containsString("TLS with https://localhost:"));
    }

    @Test
    public void acceptsThePinnedCertificateWrittenAsOpensslPrintsIt() throws Exception {
        central.install(config().withCertFingerprint(identity.fingerprintAsOpensslPrints()), "helloworld", "1.0.0",
                baseDir);

        assertTrue(Files.exists(baseDir.resolve("helloworld-1.0.0.zip")));
    }

    @Test
    public void thePinReplacesTheHostNameCheck() throws Exception {
        // the certificate names only localhost
        URI byAddress = URI.create(server.baseUrl().toString().replace("localhost", "127.0.0.1"));
        CentralConfig config = CentralConfig.defaults(byAddress).withRetries(0)
                .withCertFingerprint(identity.fingerprintAsOpensslPrints());

        central.install(config, "helloworld", "1.0.0", baseDir);

        assertTrue(Files.exists(baseDir.resolve("helloworld-1.0.0.zip")));
    }

    @Test
    public void refusesAnotherCertificateThanThePinnedOne() throws Exception {
        String otherPin = otherIdentity.fingerprintAsOpensslPrints();

        CentralException e = installFails(config().withCertFingerprint(otherPin));

        String pinned = otherPin.replace(":", "").toLowerCase(Locale.ROOT);
        String actual = identity.fingerprintAsOpensslPrints().replace(":", "").toLowerCase(Locale.ROOT);
        assertThat(e.getMessage(), containsString("has SHA-256 fingerprint " + actual));
        assertThat(e.getMessage(), containsString("certFingerprint pins " + pinned));
    }

    @Test
    public void aPinStillAppliesWhenVerificationIsSkipped() throws Exception {
        installFails(config().withInsecureSkipTlsVerify(true)
                .withCertFingerprint(otherIdentity.fingerprintAsOpensslPrints()));
    }

    @Test
    public void insecureSkipAcceptsAnyCertificateAndWarns() throws Exception {
        try (LogCapture logs = new LogCapture("dev.pnode.central")) {
            central.install(config().withInsecureSkipTlsVerify(true), "helloworld", "1.0.0", baseDir);

            assertTrue(logs.warnings().stream().anyMatch(w -> w.contains("TLS certificate verification is DISABLED")));
        }
    }

    @Test
    public void followsARedirectFromHttpToHttps() throws Exception {
        CentralConfig pinned = config().withCertFingerprint(identity.fingerprintAsOpensslPrints());
        URI zipUrl = central.distributionUrl(pinned, "helloworld", "1.0.0");
        try (CentralServer plain = CentralServer.http(temp.newFolder("empty").toPath())) {
            URI plainZipUrl = plain.baseUrl().resolve(CentralServer.pathOf(zipUrl));
            plain.script(plainZipUrl, CentralServer.redirect(301, zipUrl));
            CentralConfig viaHttp = CentralConfig.defaults(plain.baseUrl()).withRetries(0)
                    .withCertFingerprint(identity.fingerprintAsOpensslPrints())
                    .withVerification(Verification.online(server.baseUrl().resolve("gpg.key")));
            plain.script(central.signatureUrl(viaHttp, "helloworld", "1.0.0"),
                    CentralServer.redirect(302, central.signatureUrl(pinned, "helloworld", "1.0.0")));

            central.install(viaHttp, "helloworld", "1.0.0", baseDir);

            assertEquals(1, server.hits(zipUrl));
        }
        assertTrue(Files.exists(baseDir.resolve("helloworld-1.0.0.zip")));
    }

    @Test
    public void refusesARedirectFromHttpsToHttp() throws Exception {
        CentralConfig pinned = config().withCertFingerprint(identity.fingerprintAsOpensslPrints()).withRetries(0);
        URI zipUrl = central.distributionUrl(pinned, "helloworld", "1.0.0");
        try (CentralServer plain = CentralServer.http(temp.newFolder("plain").toPath())) {
            URI downgraded = plain.baseUrl().resolve(CentralServer.pathOf(zipUrl));
            server.script(zipUrl, CentralServer.redirect(302, downgraded));

            try {
                central.install(pinned, "helloworld", "1.0.0", baseDir);
                fail("a redirect from https to http must not be followed");
            } catch (CentralException e) {
                assertEquals(e.getMessage(), Failure.TRANSFER, e.failure());
                assertThat(e.getMessage(), containsString("not following a redirect from https to http"));
            }
            assertEquals(0, plain.hits(downgraded));
        }
    }

    private CentralConfig config() {
        return CentralConfig.defaults(server.baseUrl()).withRetries(2)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private CentralException installFails(CentralConfig config) throws Exception {
        try {
            central.install(config, "helloworld", "1.0.0", baseDir);
        } catch (CentralException e) {
            assertEquals(e.getMessage(), Failure.TLS, e.failure());
            assertEquals(PluginCentralTest.filesIn(baseDir), java.util.List.of());
            return e;
        }
        fail("the TLS connection must be refused");
        return null;
    }
}
