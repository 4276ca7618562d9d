package dev.pnode.goplugin;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The line a go-plugin plugin prints on stdout: {@code CORE|APP|NETWORK|ADDR|PROTOCOL|CERT}.
 *
 * @param coreProtocolVersion go-plugin's core protocol, always 1
 * @param appProtocolVersion the application protocol the plugin speaks
 * @param network {@code unix} or {@code tcp}
 * @param address socket path or host:port
 * @param protocol {@code grpc} (netrpc is refused)
 * @param serverCertificate the plugin's AutoMTLS certificate, when it sent one
 */
public record HandshakeLine(int coreProtocolVersion, int appProtocolVersion, String network, String address,
        String protocol, Optional<X509Certificate> serverCertificate) {

    /** @throws HandshakeException naming what is wrong with the line */
    public static HandshakeLine parse(String line) throws HandshakeException {
        throw new UnsupportedOperationException("TODO(goplugin helper)");
    }
}
