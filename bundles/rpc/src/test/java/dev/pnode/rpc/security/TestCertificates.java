package dev.pnode.rpc.security;

import dev.pnode.security.TlsConfiguration;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed localhost certificates, as a security plugin would serve them. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /**
     * @param algorithm {@code EC} or {@code RSA}
     * @param pkcs8 the key as {@code PRIVATE KEY}; otherwise as Go writes it ({@code EC PRIVATE KEY},
     *     {@code RSA PRIVATE KEY})
     */
    public static TlsConfiguration selfSigned(String algorithm, boolean pkcs8, List<Integer> cipherSuites) {
        try {
            KeyPair keys = keyPair(algorithm);
            byte[] key = pkcs8 ? pem(new JcaPKCS8Generator(keys.getPrivate(), null)) : pem(keys.getPrivate());
            return new TlsConfiguration(key, pem(certificate(keys, algorithm)), cipherSuites);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
        // Bouncy Castle's EC keys name their curve inside the SEC1 encoding, as Go's do; the JDK's leave it out
        KeyPairGenerator generator = algorithm.equals("EC")
                ? KeyPairGenerator.getInstance(algorithm, new org.bouncycastle.jce.provider.BouncyCastleProvider())
                : KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("EC") ? 256 : 2048);
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder certificate(KeyPair keys, String algorithm)
            throws OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(30)), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return builder.build(new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
                .build(keys.getPrivate()));
    }

    static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
