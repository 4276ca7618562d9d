package dev.pnode.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class EphemeralCertificateTest {

    private static final EphemeralCertificate IDENTITY = EphemeralCertificate.generate();
    private static final X509Certificate CERT = IDENTITY.certificate();

    @Test
    public void usesAP256KeySignedWithSha256() {
        ECPublicKey key = (ECPublicKey) CERT.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", CERT.getSigAlgName());
    }

    @Test
    public void makesAGoPluginsIdentityOnP521SignedWithSha512() throws Exception {
        X509Certificate goPlugins = EphemeralCertificate.generateAsGoPlugin().certificate();
        ECPublicKey key = (ECPublicKey) goPlugins.getPublicKey();
        assertEquals(521, key.getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA512withECDSA", goPlugins.getSigAlgName());
        assertEquals(CERT.getSubjectX500Principal(), goPlugins.getSubjectX500Principal());
        goPlugins.verify(goPlugins.getPublicKey());
    }

    @Test
    public void isSelfSignedForLocalhostByHashiCorp() throws Exception {
        assertEquals("CN=localhost,O=HashiCorp", CERT.getSubjectX500Principal().getName());
        assertEquals(CERT.getSubjectX500Principal(), CERT.getIssuerX500Principal());
        CERT.verify(CERT.getPublicKey());
        assertEquals(List.of(List.of(2, "localhost")), List.copyOf(CERT.getSubjectAlternativeNames()));
    }

    @Test
    public void servesForBothClientAndServerAuthentication() throws Exception {
        assertEquals(List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"), CERT.getExtendedKeyUsage());
    }

    @Test
    public void isAVersion3CertificateWithGoPluginsFourExtensionsOnly() {
        assertEquals(3, CERT.getVersion());
        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), CERT.getCriticalExtensionOIDs());
        assertEquals(Set.of("2.5.29.17", "2.5.29.37"), CERT.getNonCriticalExtensionOIDs());
    }

    @Test
    public void signatureCoversTheCertificate() throws Exception {
        byte[] der = CERT.getEncoded();
        der[der.length / 3] ^= 1;
        X509Certificate tampered;
        try {
            tampered = EphemeralCertificate.parseCertificate(Base64.getEncoder().encodeToString(der));
        } catch (CertificateException unparsable) {
            return; // the flipped bit broke the structure: also not a certificate anyone would accept
        }
        assertThrows(SignatureException.class, () -> tampered.verify(CERT.getPublicKey()));
    }

    @Test
    public void everyIdentityHasItsOwnKey() {
        assertNotEquals(CERT.getPublicKey(), EphemeralCertificate.generate().certificate().getPublicKey());
    }

    @Test
    public void validityAfter2049IsAGeneralizedTime() {
        // go-plugin's 30 years already end after 2049; a UTCTime there would read as 19xx
        assertTrue(CERT.getNotAfter().toInstant().isAfter(Instant.parse("2050-01-01T00:00:00Z")));
    }

    @Test
    public void hasGoPluginsKeyUsagesAndIsACertificateAuthority() {
        boolean[] usage = CERT.getKeyUsage();
        // digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign
        assertArrayEquals(new boolean[] {true, false, true, false, true, true, false},
                Arrays.copyOf(usage, 7));
        assertEquals(Integer.MAX_VALUE, CERT.getBasicConstraints());
    }

    @Test
    public void isBackdatedThirtySecondsAndValidFor262980Hours() {
        Instant notBefore = CERT.getNotBefore().toInstant();
        Instant notAfter = CERT.getNotAfter().toInstant();
        assertEquals(Duration.ofHours(262_980).plusSeconds(30), Duration.between(notBefore, notAfter));
        assertTrue(notBefore.isBefore(Instant.now().minusSeconds(20)));
    }

    @Test
    public void hasARandom128BitSerial() {
        assertTrue(CERT.getSerialNumber().bitLength() <= 128);
        assertTrue(CERT.getSerialNumber().signum() >= 0);
        assertNotEquals(CERT.getSerialNumber(), EphemeralCertificate.generate().certificate().getSerialNumber());
    }

    @Test
    public void pemRoundTrips() throws Exception {
        String pem = IDENTITY.certificatePem();
        assertTrue(pem, pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(pem, pem.endsWith("-----END CERTIFICATE-----\n"));
        assertTrue(pem.lines().allMatch(line -> line.length() <= 64));
        assertEquals(CERT, EphemeralCertificate.parseCertificate(pem));
    }

    @Test
    public void base64IsUnpaddedLikeGoRawStdEncoding() throws Exception {
        String base64 = IDENTITY.certificateBase64();
        assertTrue(base64.indexOf('=') < 0);
        assertEquals(CERT, EphemeralCertificate.parseCertificate(base64));
    }

    @Test
    public void parsesPaddedAndUrlSafeBase64() throws Exception {
        byte[] der = CERT.getEncoded();
        assertEquals(CERT, EphemeralCertificate.parseCertificate(Base64.getEncoder().encodeToString(der)));
        assertEquals(CERT, EphemeralCertificate.parseCertificate(Base64.getUrlEncoder().encodeToString(der)));
        assertEquals(CERT, EphemeralCertificate.parseCertificate(
                Base64.getUrlEncoder().withoutPadding().encodeToString(der)));
    }

    @Test
    public void parsesPemWithCarriageReturnsAndSurroundingText() throws Exception {
        String pem = "junk before\r\n" + IDENTITY.certificatePem().replace("\n", "\r\n") + "junk after";
        assertEquals(CERT, EphemeralCertificate.parseCertificate(pem));
    }

    @Test
    public void refusesEmptyText() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> EphemeralCertificate.parseCertificate("  "));
        assertTrue(e.getMessage(), e.getMessage().contains("empty"));
    }

    @Test
    public void refusesTextThatIsNotBase64() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> EphemeralCertificate.parseCertificate("not*base64!"));
        assertTrue(e.getMessage(), e.getMessage().contains("not base64"));
    }

    @Test
    public void refusesBase64ThatIsNotACertificate() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> EphemeralCertificate.parseCertificate(Base64.getEncoder().encodeToString(new byte[100])));
        assertTrue(e.getMessage(), e.getMessage().contains("not a DER X.509 certificate"));
    }
}
