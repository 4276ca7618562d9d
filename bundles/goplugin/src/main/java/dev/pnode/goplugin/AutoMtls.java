package dev.pnode.goplugin;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The host's two TLS roles under go-plugin's AutoMTLS, both with the same ephemeral identity and trusting only the
 * plugin's certificate (go-plugin's client {@code TLSConfig}: {@code Certificates} = host's, {@code RootCAs} =
 * {@code ClientCAs} = the plugin's, {@code RequireAndVerifyClientCert}): as client on the plugin's server and on
 * connections the plugin offers through the broker, as server on connections the host offers through the broker.
 *
 * <p>The JDK provider on purpose: netty-shaded's BoringSSL lacks {@code ecdsa_secp521r1_sha512}, the only TLS 1.3
 * signature scheme a P-521 certificate can use.
 */
final class AutoMtls {

    private AutoMtls() {
    }

    static SslContext client(X509Certificate pluginCertificate, EphemeralCertificate hostIdentity)
            throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(pluginCertificate)
                .keyManager(hostIdentity.privateKey(), hostIdentity.certificate())
                .build();
    }

    static SslContext server(EphemeralCertificate hostIdentity, X509Certificate pluginCertificate)
            throws SSLException {
        return GrpcSslContexts.configure(
                        SslContextBuilder.forServer(hostIdentity.privateKey(), hostIdentity.certificate()),
                        SslProvider.JDK)
                .trustManager(pluginCertificate)
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }
}
