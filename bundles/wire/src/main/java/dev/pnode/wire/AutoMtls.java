package dev.pnode.wire;

import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * go-plugin's AutoMTLS as netty TLS contexts for grpc, for both sides: each presents its own
 * {@link EphemeralCertificate} and trusts only the other side's certificate (go-plugin's {@code TLSConfig}:
 * {@code Certificates} = own, {@code RootCAs} = {@code ClientCAs} = the peer's, {@code RequireAndVerifyClientCert}).
 * The host is the client on the plugin's server and the server for connections it offers through the broker; a
 * plugin is the server.
 *
 * <p>The JDK TLS provider on purpose, for a plugin (the Java SDK) and for the host where BoringSSL does not load (the
 * host's contexts are {@link NativeAutoMtls}'s): netty-shaded's BoringSSL lacks {@code ecdsa_secp521r1_sha512}, the
 * only TLS 1.3 signature scheme a P-521 certificate can use. The JDK context is built here and handed to netty as it
 * is, with what {@code GrpcSslContexts} would configure (HTTP/2 ciphers, ALPN {@code h2}), because netty's
 * {@code SslContextBuilder} costs far more per start (see this module's README for the figures).
 */
public final class AutoMtls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private AutoMtls() {
    }

    /** The client side: authenticates as {@code own}, trusts only {@code server}. */
    public static SslContext client(X509Certificate server, EphemeralCertificate own) throws SSLException {
        return context(true, own, List.of(server));
    }

    /** The server side: authenticates as {@code own}, demands a client certificate and trusts only {@code clients}. */
    public static SslContext server(EphemeralCertificate own, List<X509Certificate> clients) throws SSLException {
        return context(false, own, requireClients(clients));
    }

    /** A mutual TLS server's clients to trust, whichever provider serves: at least one. */
    static List<X509Certificate> requireClients(List<X509Certificate> clients) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("a mutual TLS server needs at least one client certificate to trust");
        }
        return clients;
    }

    private static SslContext context(boolean client, EphemeralCertificate own, List<X509Certificate> trusted)
            throws SSLException {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(AutoMtlsKeys.keyManagers(own), AutoMtlsKeys.trustManagers(trusted), null);
            return new JdkSslContext(tls, client, Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE,
                    new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2),
                    client ? ClientAuth.NONE : ClientAuth.REQUIRE, PROTOCOLS, false);
        } catch (GeneralSecurityException | IOException e) {
            throw new SSLException("cannot set up mutual TLS: " + e.getMessage(), e);
        }
    }
}
