package dev.pnode.central.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The SSLContext for talking to a central.
 *
 * <ul>
 * <li>No pin, not insecure: the JDK default context (JDK trust store, host name checked).</li>
 * <li>Pin: the server must present exactly the pinned leaf certificate (SHA-256 of its DER encoding, what
 * {@code openssl x509 -noout -fingerprint -sha256} prints). The pin replaces CA validation and the host name
 * check: an exact certificate is a stronger identity than either, and it lets private networks run a central
 * with a self-signed certificate. Quorum compared the setting with the certificate's <em>signature</em> bytes
 * of any certificate in the chain, which no fingerprint ever matches.</li>
 * <li>Insecure (and no pin): every certificate is accepted. The caller logs a warning.</li>
 * </ul>
 */
public final class CentralTls {

    private CentralTls() {
    }

    public static SSLContext context(Optional<String> pinnedSha256Hex, boolean insecureSkipVerify)
            throws GeneralSecurityException {
        if (pinnedSha256Hex.isEmpty() && !insecureSkipVerify) {
            return SSLContext.getDefault();
        }
        TrustManager trust = pinnedSha256Hex.<TrustManager>map(PinnedLeafTrustManager::new)
                .orElseGet(AcceptAnyTrustManager::new);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }

    /** SHA-256 of the certificate's DER encoding, lowercase hex. */
    public static String fingerprint(X509Certificate certificate) throws CertificateException {
        MessageDigest digest = Sha256.newDigest();
        return Sha256.hex(digest.digest(certificate.getEncoded()));
    }

    /** Server-side checks only; a central client never authenticates clients. */
    private abstract static class ServerOnlyTrustManager extends X509ExtendedTrustManager {

        abstract void checkServer(X509Certificate[] chain) throws CertificateException;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkServer(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServer(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServer(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a plugin central client does not accept client connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static final class PinnedLeafTrustManager extends ServerOnlyTrustManager {
        private final String pinnedSha256Hex;

        PinnedLeafTrustManager(String pinnedSha256Hex) {
            this.pinnedSha256Hex = pinnedSha256Hex;
        }

        @Override
        void checkServer(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the central presented no certificate");
            }
            String actual = fingerprint(chain[0]);
            if (!actual.equals(pinnedSha256Hex)) {
                throw new CertificateException("the central's certificate (" + chain[0].getSubjectX500Principal()
                        + ") has SHA-256 fingerprint " + actual + " but certFingerprint pins " + pinnedSha256Hex);
            }
        }
    }

    private static final class AcceptAnyTrustManager extends ServerOnlyTrustManager {
        @Override
        void checkServer(X509Certificate[] chain) {
            // insecureSkipTLSVerify: deliberately no check; PluginCentral logs a warning for every download
        }
    }
}
