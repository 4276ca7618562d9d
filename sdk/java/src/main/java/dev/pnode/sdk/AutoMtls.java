package dev.pnode.sdk;

import dev.pnode.goplugin.EphemeralCertificate;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * go-plugin's AutoMTLS, server side: a fresh certificate of our own, and a TLS server that demands a client
 * certificate and trusts only the host's, the one in {@code PLUGIN_CLIENT_CERT}.
 *
 * <p>The JDK TLS provider is used on purpose: netty's BoringSSL lacks the only TLS 1.3 signature scheme a P-521
 * certificate can use. The JDK context is built here and handed to netty as it is, because netty's own
 * builder spends a quarter of a second on a one-off self test and PKCS#12 key encryption, which delays every
 * plugin start.
 */
record AutoMtls(SslContext serverContext, X509Certificate serverCertificate) {

    private static final char[] IN_MEMORY_PASSWORD = "plugin".toCharArray();

    static AutoMtls trusting(String clientCertificatePem) {
        X509Certificate[] trusted = parseCertificates(clientCertificatePem);
        EphemeralCertificate own = EphemeralCertificate.generate();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers(own), trustManagers(trusted), null);
            // what GrpcSslContexts configures: HTTP/2 ciphers and ALPN "h2"
            SslContext context = new JdkSslContext(tls, false, Http2SecurityUtil.CIPHERS,
                    SupportedCipherSuiteFilter.INSTANCE,
                    new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2),
                    ClientAuth.REQUIRE, new String[] {"TLSv1.3", "TLSv1.2"}, false);
            return new AutoMtls(context, own.certificate());
        } catch (GeneralSecurityException | IOException e) {
            throw new PluginStartException("cannot set up mutual TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(EphemeralCertificate own)
            throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("JKS");
        keys.load(null, null);
        keys.setKeyEntry("plugin", own.privateKey(), IN_MEMORY_PASSWORD, new Certificate[] {own.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, IN_MEMORY_PASSWORD);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(X509Certificate[] trusted)
            throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("JKS");
        anchors.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            anchors.setCertificateEntry("host-" + i, trusted[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return factory.getTrustManagers();
    }

    static X509Certificate[] parseCertificates(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new PluginStartException(PluginEnvironment.CLIENT_CERT + " holds no PEM certificate");
            }
            return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (CertificateException e) {
            throw new PluginStartException(PluginEnvironment.CLIENT_CERT
                    + " is set but is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
