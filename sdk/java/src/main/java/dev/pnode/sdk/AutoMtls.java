package dev.pnode.sdk;

import dev.pnode.goplugin.EphemeralCertificate;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLException;

/**
 * go-plugin's AutoMTLS, server side: a fresh certificate of our own, and a TLS server that demands a client
 * certificate and trusts only the host's, the one in {@code PLUGIN_CLIENT_CERT}.
 *
 * <p>The JDK TLS provider is used on purpose: netty's BoringSSL lacks the only TLS 1.3 signature scheme a P-521
 * certificate can use.
 */
record AutoMtls(SslContext serverContext, X509Certificate serverCertificate) {

    static AutoMtls trusting(String clientCertificatePem) {
        X509Certificate[] trusted = parseCertificates(clientCertificatePem);
        EphemeralCertificate own = EphemeralCertificate.generate();
        try {
            SslContext context = GrpcSslContexts.configure(
                            SslContextBuilder.forServer(own.privateKey(), own.certificate()), SslProvider.JDK)
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(trusted)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
            return new AutoMtls(context, own.certificate());
        } catch (SSLException e) {
            throw new PluginStartException("cannot set up mutual TLS: " + e.getMessage(), e);
        }
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
