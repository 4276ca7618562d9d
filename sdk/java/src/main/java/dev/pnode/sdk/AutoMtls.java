package dev.pnode.sdk;

import dev.pnode.wire.EphemeralCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * go-plugin's AutoMTLS, the plugin's side: a certificate of our own, made in this process ({@code own}), and the
 * host's certificates from {@code PLUGIN_CLIENT_CERT}, the only client certificates the server accepts. Each server
 * transport makes its TLS server from these ({@link NettyTransport}, {@link OkHttpTransport}); this class names no
 * TLS stack, so loading it loads none.
 */
record AutoMtls(EphemeralCertificate own, List<X509Certificate> trusted) {

    /**
     * @param own the certificate this process made already (a replacement's warm-up served with it), or empty for a
     *     new one: one key pair per process, since each further key pair and signature cost a C1-only JVM about
     *     10 ms of CPU here (BENCHMARKS.md, "Reload of a Java plugin, session 12")
     */
    static AutoMtls trusting(String clientCertificatePem, Optional<EphemeralCertificate> own) {
        List<X509Certificate> trusted = parseCertificates(clientCertificatePem);
        return new AutoMtls(own.orElseGet(EphemeralCertificate::generate), trusted);
    }

    /** A server that accepts only its own certificate as a client's: for a process calling itself. */
    static AutoMtls trustingItself(EphemeralCertificate own) {
        return new AutoMtls(own, List.of(own.certificate()));
    }

    X509Certificate serverCertificate() {
        return own.certificate();
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
