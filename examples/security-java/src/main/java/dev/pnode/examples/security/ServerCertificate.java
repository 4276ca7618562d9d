package dev.pnode.examples.security;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS key and certificate the plugin serves, PEM: read from the configured files, or a self-signed ECDSA P-256
 * certificate for localhost (DNS {@code localhost}, IP 127.0.0.1 and ::1) made once per process, valid a year.
 *
 * @param keyPem PKCS#8 for a generated key; the file's content otherwise
 * @param certPem the certificate (chain)
 */
record ServerCertificate(byte[] keyPem, byte[] certPem) {

    static ServerCertificate fromFiles(SecurityConfiguration.TlsFiles files) {
        try {
            return new ServerCertificate(Files.readAllBytes(files.keyFile()), Files.readAllBytes(files.certFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS files of \"tls\": " + e, e);
        }
    }

    static ServerCertificate selfSigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost,O=pnode example security plugin");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(128, new SecureRandom()), Date.from(now.minusSeconds(30)),
                    Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress())}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            Object certificate = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new ServerCertificate(pem(new JcaPKCS8Generator(keys.getPrivate(), null)), pem(certificate));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
