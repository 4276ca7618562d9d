package dev.pnode.rpc.security;

import dev.pnode.rpc.transport.ServerTls;
import dev.pnode.security.TlsConfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Turns a security plugin's TLS configuration into what the HTTPS server needs, the way Quorum's gateway does with
 * Go's {@code tls.X509KeyPair}: a PEM key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted), a PEM chain, TLS 1.2 and
 * 1.3 only, the plugin's cipher suites. A key that does not belong to the certificate is refused here rather than
 * failing every handshake later.
 */
public final class ServerTlsFactory {

    private ServerTlsFactory() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the key, the certificate or the suites */
    public static ServerTls create(TlsConfiguration configuration) {
        PrivateKey key = privateKey(configuration.keyPem());
        X509Certificate[] chain = certificates(configuration.certPem());
        checkKeyMatches(key, chain[0]);
        try {
            char[] password = Base64.getEncoder().encodeToString(randomBytes(16)).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            parameters.setCipherSuites(CipherSuites.enabled(configuration.cipherSuites(),
                    Set.of(context.getSupportedSSLParameters().getCipherSuites())).toArray(String[]::new));
            parameters.setUseCipherSuitesOrder(true);
            return new ServerTls(context, parameters);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS with the security plugin's key and certificate: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static PrivateKey privateKey(byte[] pem) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (block instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (block instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("the TLS private key is encrypted; the security plugin must "
                            + "serve it unencrypted (as Quorum expects)");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the TLS private key is not readable PEM: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the TLS private key holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY "
                + "or EC PRIVATE KEY)");
    }

    private static X509Certificate[] certificates(byte[] pem) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS certificate is not readable PEM: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the TLS certificate PEM holds no certificate");
        }
        return certificates.toArray(X509Certificate[]::new);
    }

    /** Signs with the key and verifies with the certificate: only a matching pair passes. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = randomBytes(32);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // different key types end here too
        }
        throw new IllegalArgumentException("the TLS private key does not belong to the certificate "
                + certificate.getSubjectX500Principal().getName() + " (key " + key.getAlgorithm() + ", certificate key "
                + certificate.getPublicKey().getAlgorithm() + ")");
    }
}
