package dev.pnode.sdk;

import dev.pnode.wire.EphemeralCertificate;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * go-plugin's AutoMTLS, the plugin's side: a fresh certificate of our own, and a TLS server
 * ({@link dev.pnode.wire.AutoMtls#server}, the same builder the host uses) that demands a client certificate and
 * trusts only the host's, the ones in {@code PLUGIN_CLIENT_CERT}.
 */
record AutoMtls(SslContext serverContext, X509Certificate serverCertificate) {

    static AutoMtls trusting(String clientCertificatePem) {
        List<X509Certificate> trusted = parseCertificates(clientCertificatePem);
        EphemeralCertificate own = EphemeralCertificate.generate();
        try {
            return new AutoMtls(dev.pnode.wire.AutoMtls.server(own, trusted), own.certificate());
        } catch (SSLException e) {
            throw new PluginStartException(e.getMessage(), e);
        }
    }

    static List<X509Certificate> parseCertificates(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new PluginStartException(PluginEnvironment.CLIENT_CERT + " holds no PEM certificate");
            }
            return certificates.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new PluginStartException(PluginEnvironment.CLIENT_CERT
                    + " is set but is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
