package dev.pnode.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.After;
import org.junit.Test;

/**
 * The host's AutoMTLS on BoringSSL in real handshakes over loopback, each way round, only the pinned certificate
 * trusted: against a peer with a Go plugin's P-521 certificate (TLS 1.2), against pnode's P-256 ones (TLS 1.3); and
 * the JDK's context when BoringSSL is missing. The P-521 peer is netty's BoringSSL built with netty's builder,
 * offering TLS 1.3 and 1.2: in TLS 1.2 it signs with a P-521 key under any ECDSA hash, as Go's {@code crypto/tls}
 * does (the JDK insists on {@code ecdsa_secp521r1_sha512}, which BoringSSL does not offer, so a JDK peer cannot stand
 * in for a Go plugin here).
 */
public class NativeAutoMtlsTest {

    private static final EphemeralCertificate HOST = EphemeralCertificate.generate();
    private static final EphemeralCertificate GO_PLUGIN = EphemeralCertificate.generateAsGoPlugin();
    private static final EphemeralCertificate JAVA_PLUGIN = EphemeralCertificate.generate();

    private final AtomicReference<String> protocol = new AtomicReference<>();
    private Server server;

    @After
    public void stopServer() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    public void theNodesContextsAreBoringSsl() throws Exception {
        assertTrue(NativeAutoMtls.client(JAVA_PLUGIN.certificate(), HOST) instanceof OpenSslContext);
        assertTrue(NativeAutoMtls.server(HOST, List.of(GO_PLUGIN.certificate())) instanceof OpenSslContext);
    }

    @Test
    public void theHostCallsAGoPluginsP521ServerOverTls12() throws Exception {
        serve(goLike(SslContextBuilder.forServer(GO_PLUGIN.privateKey(), GO_PLUGIN.certificate())
                .clientAuth(ClientAuth.REQUIRE), HOST));

        call(NativeAutoMtls.client(GO_PLUGIN.certificate(), HOST));

        assertEquals("TLSv1.2", protocol.get());
    }

    @Test
    public void theHostCallsAP256ServerOverTls13() throws Exception {
        serve(AutoMtls.server(JAVA_PLUGIN, List.of(HOST.certificate())));

        call(NativeAutoMtls.client(JAVA_PLUGIN.certificate(), HOST));

        assertEquals("TLSv1.3", protocol.get());
    }

    @Test
    public void theHostRefusesAServerOtherThanTheHandshakesOne() throws Exception {
        serve(AutoMtls.server(JAVA_PLUGIN, List.of(HOST.certificate())));
        X509Certificate announced = EphemeralCertificate.generate().certificate();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> call(NativeAutoMtls.client(announced, HOST)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    public void theBrokersServerServesAGoPluginsP521ClientOverTls12() throws Exception {
        serve(NativeAutoMtls.server(HOST, List.of(GO_PLUGIN.certificate())));

        call(goLike(SslContextBuilder.forClient().keyManager(GO_PLUGIN.privateKey(), GO_PLUGIN.certificate()), HOST));

        assertEquals("TLSv1.2", protocol.get());
    }

    @Test
    public void theBrokersServerServesAP256ClientOverTls13() throws Exception {
        serve(NativeAutoMtls.server(HOST, List.of(JAVA_PLUGIN.certificate())));

        call(AutoMtls.client(HOST.certificate(), JAVA_PLUGIN));

        assertEquals("TLSv1.3", protocol.get());
    }

    @Test
    public void theBrokersServerRefusesAClientItDoesNotTrust() throws Exception {
        serve(NativeAutoMtls.server(HOST, List.of(JAVA_PLUGIN.certificate())));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> call(AutoMtls.client(HOST.certificate(), EphemeralCertificate.generate())));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    public void aServerTrustingNobodyIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeAutoMtls.server(HOST, List.of()));
        assertEquals("a mutual TLS server needs at least one client certificate to trust", e.getMessage());
    }

    @Test
    public void onlyAP521PeerPinsTls12() {
        assertArrayEquals(new String[] {"TLSv1.2"},
                NativeAutoMtls.protocolsAgainst(List.of(JAVA_PLUGIN.certificate(), GO_PLUGIN.certificate())));
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"},
                NativeAutoMtls.protocolsAgainst(List.of(JAVA_PLUGIN.certificate())));
    }

    @Test
    public void withoutBoringSslTheContextsAreTheJdksAndStillServe() throws Exception {
        NativeAutoMtls withoutNative = new NativeAutoMtls(() -> false);

        SslContext client = withoutNative.clientContext(GO_PLUGIN.certificate(), HOST);
        SslContext server = withoutNative.serverContext(GO_PLUGIN, List.of(HOST.certificate()));

        assertTrue(client instanceof JdkSslContext);
        assertTrue(server instanceof JdkSslContext);
        assertFalse(withoutNative.usesNative());
        serve(server);
        call(client);
        assertEquals("TLSv1.3", protocol.get());
    }

    /** A peer as a Go plugin is: BoringSSL, TLS 1.3 and 1.2 offered, trusting {@code trusted}. */
    private static SslContext goLike(SslContextBuilder builder, EphemeralCertificate trusted) throws SSLException {
        return GrpcSslContexts.configure(builder, SslProvider.OPENSSL).trustManager(trusted.certificate())
                .protocols("TLSv1.3", "TLSv1.2").build();
    }

    /** A health server on loopback that notes the TLS version of each call it answers. */
    private void serve(SslContext tls) throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        ServerInterceptor notesProtocol = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                protocol.set(session == null ? "none" : session.getProtocol());
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(tls)
                .addService(ServerInterceptors.intercept(health.getHealthService(), notesProtocol))
                .build()
                .start();
    }

    private void call(SslContext tls) throws InterruptedException {
        ManagedChannel channel = AutoMtlsChannels.builder("tcp", "127.0.0.1:" + server.getPort(), Optional.of(tls))
                .build();
        try {
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
