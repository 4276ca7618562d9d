package dev.pnode.wire;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * An AutoMTLS identity: a self-signed ECDSA certificate made from go-plugin's template (its {@code mtls.go}), good
 * for both client and server authentication. Written in DER here and signed with the JDK's {@code Signature}: Bouncy
 * Castle would add about 500 classes and 7-10 MB to every Java plugin (this module's README).
 *
 * <p>On P-256 where go-plugin uses P-521: the peer only pins the certificate (a pool of one, go-plugin's
 * {@code PLUGIN_CLIENT_CERT} handling), so the curve is ours to choose, and the JDK's P-256 arithmetic makes the key,
 * the certificate's signature and every handshake's signature and its check cheaper, in the cold JVM of a node's first
 * plugin start and a plugin's own start alike (this module's README).
 *
 * <p>The key is a JCA object on purpose: netty's PEM loaders want PKCS#8 while Go writes SEC1, so passing key
 * objects avoids both formats.
 */
public record EphemeralCertificate(X509Certificate certificate, PrivateKey privateKey) {

    /** go-plugin's {@code NotAfter}: now + 262,980 hours (30 years). */
    static final Duration VALIDITY = Duration.ofHours(262_980);
    /** go-plugin's {@code NotBefore}: now - 30 s, tolerating small clock differences. */
    static final Duration BACKDATING = Duration.ofSeconds(30);
    /** The certificate's only name: connect with this authority. */
    public static final String HOST = "localhost";

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PEM_CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----");

    public EphemeralCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** A curve and its signature: ours, and the one a go-plugin plugin makes its own identity on. */
    private record Curve(String name, String signatureAlgorithm, String signatureOid, String label) {
        static final Curve P256 = new Curve("secp256r1", "SHA256withECDSA", "1.2.840.10045.4.3.2", "P-256");
        static final Curve P521 = new Curve("secp521r1", "SHA512withECDSA", "1.2.840.10045.4.3.4", "P-521");
    }

    /** The identity pnode makes for itself, as a host and as a Java plugin: P-256 (above, why). */
    public static EphemeralCertificate generate() {
        return generate(Curve.P256);
    }

    /**
     * An identity as a go-plugin plugin makes its own (P-521, signed with SHA-512), for code that must meet what Go
     * plugins present, such as the node's TLS warm-up; never an identity of pnode's own.
     */
    public static EphemeralCertificate generateAsGoPlugin() {
        return generate(Curve.P521);
    }

    private static EphemeralCertificate generate(Curve curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve.name()), RANDOM);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            byte[] toBeSigned = toBeSigned(new BigInteger(128, RANDOM), now.minus(BACKDATING), now.plus(VALIDITY),
                    keys.getPublic().getEncoded(), curve.signatureOid());
            Signature signer = Signature.getInstance(curve.signatureAlgorithm());
            signer.initSign(keys.getPrivate(), RANDOM);
            signer.update(toBeSigned);
            byte[] der = Der.sequence(toBeSigned, Der.sequence(Der.oid(curve.signatureOid())),
                    Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new EphemeralCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ECDSA " + curve.label() + " certificate: "
                    + e.getMessage(), e);
        }
    }

    /**
     * go-plugin's template as a DER {@code TBSCertificate}: version 3, O=HashiCorp, CN=localhost as both subject
     * and issuer, SAN {@code localhost}, key usages digitalSignature, keyEncipherment, keyAgreement and keyCertSign
     * (critical), extended key usages client and server authentication, and a CA (critical basic constraints).
     */
    static byte[] toBeSigned(BigInteger serial, Instant notBefore, Instant notAfter, byte[] subjectPublicKeyInfo,
            String signatureOid) {
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8String("HashiCorp"))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(HOST))));
        byte[] extensions = Der.sequence(
                extension("2.5.29.17", false, Der.sequence(Der.implicitString(2, HOST))),
                extension("2.5.29.37", false, Der.sequence(Der.oid(CLIENT_AUTH), Der.oid(SERVER_AUTH))),
                extension("2.5.29.15", true, Der.namedBits(true, false, true, false, true, true)),
                extension("2.5.29.19", true, Der.sequence(Der.bool(true))));
        return Der.sequence(
                Der.explicit(0, Der.integer(2)),
                Der.integer(serial),
                Der.sequence(Der.oid(signatureOid)),
                name,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                name,
                subjectPublicKeyInfo,
                Der.explicit(3, extensions));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** The certificate as PEM, the form {@code PLUGIN_CLIENT_CERT} carries. */
    public String certificatePem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der());
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    /**
     * The certificate as unpadded standard base64 DER, the form go-plugin's server puts in field 6 of its
     * handshake line ({@code base64.RawStdEncoding}).
     */
    public String certificateBase64() {
        return Base64.getEncoder().withoutPadding().encodeToString(der());
    }

    private byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one X.509 certificate given as PEM (what {@code PLUGIN_CLIENT_CERT} holds) or as base64 DER, standard
     * or URL-safe alphabet, with or without padding (what a handshake line holds).
     *
     * @throws CertificateException naming what is wrong
     */
    public static X509Certificate parseCertificate(String pemOrBase64) throws CertificateException {
        Objects.requireNonNull(pemOrBase64, "pemOrBase64");
        String text = pemOrBase64.strip();
        if (text.isEmpty()) {
            throw new CertificateException("no certificate: the text is empty");
        }
        Matcher pem = PEM_CERTIFICATE.matcher(text);
        String base64 = pem.find() ? pem.group(1) : text;
        byte[] der = decodeBase64(base64.replaceAll("\\s", ""));
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CertificateException("not a DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] decodeBase64(String base64) throws CertificateException {
        String unpadded = base64.replaceAll("=+$", "");
        boolean urlSafe = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0;
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(unpadded);
        } catch (IllegalArgumentException e) {
            throw new CertificateException("not base64: " + e.getMessage(), e);
        }
    }
}
