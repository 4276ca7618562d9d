package dev.pnode.wire;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An AutoMTLS identity: a self-signed ECDSA P-521 certificate made from go-plugin's template (its
 * {@code mtls.go}), good for both client and server authentication.
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

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PEM_CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----");

    public EphemeralCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public static EphemeralCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp521r1"), RANDOM);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "HashiCorp")
                    .addRDN(BCStyle.CN, HOST)
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(128, RANDOM), Date.from(now.minus(BACKDATING)), Date.from(now.plus(VALIDITY)),
                    subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment | KeyUsage.keyAgreement | KeyUsage.keyCertSign));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA512withECDSA").build(keys.getPrivate())));
            return new EphemeralCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-521 certificate: " + e.getMessage(), e);
        }
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
