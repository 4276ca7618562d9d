package dev.pnode.wire;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * go-plugin's AutoMTLS identities as JDK key and trust managers, for any TLS stack: netty's ({@link AutoMtls}) and
 * grpc-okhttp's (the Java plugin SDK's TCP server). No netty class here, so a plugin serving on okhttp loads none.
 */
public final class AutoMtlsKeys {

    private static final char[] IN_MEMORY_PASSWORD = "automtls".toCharArray();

    private AutoMtlsKeys() {
    }

    /** Presents {@code own}. */
    public static KeyManager[] keyManagers(EphemeralCertificate own) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("JKS");
        keys.load(null, null);
        keys.setKeyEntry("own", own.privateKey(), IN_MEMORY_PASSWORD, new Certificate[] {own.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, IN_MEMORY_PASSWORD);
        return factory.getKeyManagers();
    }

    /** Trusts only {@code trusted}, never the JDK's {@code cacerts}. */
    public static TrustManager[] trustManagers(List<X509Certificate> trusted)
            throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("JKS");
        anchors.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            anchors.setCertificateEntry("peer-" + i, trusted.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return factory.getTrustManagers();
    }
}
