package dev.pnode.central;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.Test;

public class CentralConfigTest {

    private static final CentralConfig DEFAULTS = CentralConfig.defaults(URI.create("https://central.example/"));

    @Test
    public void defaultsAreQuorums() {
        assertEquals(CentralConfig.DEFAULT_DIST_PATH_TEMPLATE, DEFAULTS.distPathTemplate());
        assertEquals(CentralConfig.DEFAULT_SIG_PATH_TEMPLATE, DEFAULTS.sigPathTemplate());
        assertEquals(new Verification.Online(URI.create("gpg.key")), DEFAULTS.verification());
        assertEquals(Optional.empty(), DEFAULTS.certFingerprint());
        assertEquals(false, DEFAULTS.insecureSkipTlsVerify());
    }

    @Test
    public void addsTheTrailingSlashSoPathsResolveBelowTheBase() {
        CentralConfig config = CentralConfig.defaults(URI.create("https://host/repo/central"));

        assertEquals("https://host/repo/central/gpg.key", config.baseUrl().resolve("gpg.key").toString());
    }

    @Test
    public void normalizesFingerprints() {
        String colons = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

        assertEquals(Optional.of("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"),
                DEFAULTS.withCertFingerprint(colons).certFingerprint());
    }

    @Test
    public void rejectsFingerprintsThatAreNotSha256() {
        assertRejected(() -> DEFAULTS.withCertFingerprint("AB:CD"), "64 hex digits");
        assertRejected(() -> DEFAULTS.withCertFingerprint("sha1:" + "a".repeat(40)), "64 hex digits");
        assertRejected(() -> DEFAULTS.withCertFingerprint("g".repeat(64)), "64 hex digits");
    }

    @Test
    public void rejectsUnsupportedBaseUrls() {
        assertRejected(() -> CentralConfig.defaults(URI.create("ftp://host/")), "https:, http: or file:");
        assertRejected(() -> CentralConfig.defaults(URI.create("central/relative")), "https:, http: or file:");
        assertRejected(() -> CentralConfig.defaults(URI.create("file:relative/dir")), "file:///absolute/path/");
    }

    @Test
    public void rejectsBadTemplatesWhenConfigured() {
        assertRejected(() -> DEFAULTS.withPathTemplates("{{.Nam}}.zip", CentralConfig.DEFAULT_SIG_PATH_TEMPLATE),
                "pluginDistPathTemplate");
        assertRejected(() -> DEFAULTS.withPathTemplates(CentralConfig.DEFAULT_DIST_PATH_TEMPLATE, "{{.Nam}}.asc"),
                "pluginSigPathTemplate");
    }

    @Test
    public void rejectsNonsenseLimits() {
        assertRejected(() -> DEFAULTS.withRetries(-1), "retries");
        assertRejected(() -> DEFAULTS.withMaxSizeBytes(0), "maxSizeBytes");
        assertRejected(() -> DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)), "connectTimeout");
        assertRejected(() -> DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)), "readTimeout");
    }

    private static void assertRejected(Runnable configure, String expectedMessagePart) {
        try {
            configure.run();
            fail("accepted a configuration that must be refused");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString(expectedMessagePart));
        }
    }
}
