package dev.pnode.goplugin;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * An AutoMTLS identity: a self-signed ECDSA P-521 certificate made from go-plugin's template (its
 * {@code mtls.go}), good for both client and server authentication.
 */
public record EphemeralCertificate(X509Certificate certificate, PrivateKey privateKey) {

    public static EphemeralCertificate generate() {
        throw new UnsupportedOperationException("TODO(goplugin helper)");
    }

    /** The certificate as PEM, the form {@code PLUGIN_CLIENT_CERT} carries. */
    public String certificatePem() {
        throw new UnsupportedOperationException("TODO(goplugin helper)");
    }
}
