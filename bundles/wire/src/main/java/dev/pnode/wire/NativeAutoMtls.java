package dev.pnode.wire;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLException;

/**
 * go-plugin's AutoMTLS as {@link AutoMtls} makes it, on netty-shaded's BoringSSL when it loads: the host's side (its
 * client on a plugin's server, its server for the plugin's broker connections). Native code needs neither class
 * loading nor the JIT, where the JDK's TLS 1.3 (some hundred classes, its elliptic-curve arithmetic in Java) ran
 * interpreted and was compiled at every node start and in a reload's first handshake (this module's README).
 *
 * <p>BoringSSL cannot use a P-521 key in TLS 1.3 ({@code ecdsa_secp521r1_sha512} is missing), and go-plugin's Go
 * plugins present P-521 certificates: against a P-521 peer the context offers TLS 1.2 only, where an ECDSA signature
 * is not bound to a curve. Against any other peer (pnode's and the Java SDK's identities are P-256) TLS 1.3 and 1.2.
 *
 * <p>Without BoringSSL (a platform netty-shaded ships no library for) the JDK's context from {@link AutoMtls}, and one
 * log line that says why.
 */
public final class NativeAutoMtls {

    private static final Logger LOG = System.getLogger(NativeAutoMtls.class.getName());
    /** The node's: BoringSSL when netty-shaded's library loads. */
    static final NativeAutoMtls NODE = new NativeAutoMtls(OpenSsl::isAvailable);
    private static final String[] TLS_1_2 = {"TLSv1.2"};
    private static final String[] TLS_1_3_AND_1_2 = {"TLSv1.3", "TLSv1.2"};
    private static final int P521_FIELD_BITS = 521;

    private final BooleanSupplier nativeAvailable;
    private final AtomicBoolean fallbackLogged = new AtomicBoolean();

    /** {@code nativeAvailable}: whether BoringSSL loaded; a seam for the tests of the fallback. */
    NativeAutoMtls(BooleanSupplier nativeAvailable) {
        this.nativeAvailable = nativeAvailable;
    }

    /** The client side: authenticates as {@code own}, trusts only {@code server}. */
    public static SslContext client(X509Certificate server, EphemeralCertificate own) throws SSLException {
        return NODE.clientContext(server, own);
    }

    /** The server side: authenticates as {@code own}, demands a client certificate and trusts only {@code clients}. */
    public static SslContext server(EphemeralCertificate own, List<X509Certificate> clients) throws SSLException {
        return NODE.serverContext(own, clients);
    }

    /**
     * Whether the node's contexts are BoringSSL's: then no JDK TLS code runs in its plugin handshakes, and there is
     * none to warm up.
     */
    public static boolean inUse() {
        return NODE.usesNative();
    }

    SslContext clientContext(X509Certificate server, EphemeralCertificate own) throws SSLException {
        if (!usesNative()) {
            return AutoMtls.client(server, own);
        }
        return build(true, own, List.of(server));
    }

    SslContext serverContext(EphemeralCertificate own, List<X509Certificate> clients) throws SSLException {
        if (!usesNative()) {
            return AutoMtls.server(own, clients);
        }
        return build(false, own, AutoMtls.requireClients(clients));
    }

    /** Whether the contexts are BoringSSL's; logs once why not. */
    boolean usesNative() {
        if (nativeAvailable.getAsBoolean()) {
            return true;
        }
        if (fallbackLogged.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "plugin channels use the JDK''s TLS: netty''s BoringSSL did not load ({0})",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        return false;
    }

    /**
     * {@code GrpcSslContexts}' HTTP/2 ciphers and ALPN {@code h2}; the JDK key and trust managers {@link AutoMtls}
     * uses (netty's own from a key object would store the key in a PKCS#12 key store, encrypted: 30-40 ms per context
     * in a warm JVM, against 1 ms).
     */
    private static SslContext build(boolean client, EphemeralCertificate own, List<X509Certificate> trusted)
            throws SSLException {
        try {
            KeyManager keys = AutoMtlsKeys.keyManagers(own)[0];
            SslContextBuilder builder = client ? SslContextBuilder.forClient().keyManager(keys)
                    : SslContextBuilder.forServer(keys).clientAuth(ClientAuth.REQUIRE);
            return GrpcSslContexts.configure(builder, SslProvider.OPENSSL)
                    .trustManager(AutoMtlsKeys.trustManagers(trusted)[0])
                    .protocols(protocolsAgainst(trusted))
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new SSLException("cannot set up mutual TLS: " + e.getMessage(), e);
        }
    }

    /** TLS 1.2 only if a peer may present a P-521 key, which BoringSSL can use in TLS 1.2 only. */
    static String[] protocolsAgainst(List<X509Certificate> peers) {
        return peers.stream().anyMatch(NativeAutoMtls::isP521) ? TLS_1_2.clone() : TLS_1_3_AND_1_2.clone();
    }

    private static boolean isP521(X509Certificate certificate) {
        return certificate.getPublicKey() instanceof ECPublicKey key
                && key.getParams().getCurve().getField().getFieldSize() == P521_FIELD_BITS;
    }
}
