package dev.pnode.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The TLS configuration a security plugin serves for the node's HTTP endpoint, as Quorum's
 * {@code TLSConfiguration.Data} carries it.
 *
 * @param keyPem the private key, PEM (PKCS#8, PKCS#1 RSA or SEC1 EC, like Go's {@code tls.X509KeyPair})
 * @param certPem the certificate chain, PEM, server certificate first
 * @param cipherSuites IANA cipher suite numbers (Go's {@code tls.TLS_*} constants); empty means the server's
 *     default, which for Quorum is the four ECDHE AES-256 suites
 */
public record TlsConfiguration(byte[] keyPem, byte[] certPem, List<Integer> cipherSuites) {

    public TlsConfiguration {
        Objects.requireNonNull(keyPem, "keyPem");
        Objects.requireNonNull(certPem, "certPem");
        if (keyPem.length == 0 || certPem.length == 0) {
            throw new IllegalArgumentException("TLS configuration without " + (keyPem.length == 0 ? "key" : "certificate"));
        }
        keyPem = keyPem.clone();
        certPem = certPem.clone();
        cipherSuites = List.copyOf(cipherSuites);
    }

    @Override
    public byte[] keyPem() {
        return keyPem.clone();
    }

    @Override
    public byte[] certPem() {
        return certPem.clone();
    }

    /** Equal key, certificate and suites: the endpoint need not re-bind. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TlsConfiguration that && Arrays.equals(keyPem, that.keyPem)
                && Arrays.equals(certPem, that.certPem) && cipherSuites.equals(that.cipherSuites);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(keyPem), Arrays.hashCode(certPem), cipherSuites);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "TlsConfiguration[certPem=" + new String(certPem, StandardCharsets.US_ASCII).length()
                + " chars, cipherSuites=" + cipherSuites + "]";
    }
}
