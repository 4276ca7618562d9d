package dev.pnode.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Real gRPC over loopback TLS, the way a host and a plugin meet: each trusts only the other's certificate. */
public class AutoMtlsTest {

    private static final EphemeralCertificate PLUGIN = EphemeralCertificate.generate();
    private static final EphemeralCertificate HOST = EphemeralCertificate.generate();
    private static Server server;

    @BeforeClass
    public static void startPluginServer() throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("plugin", ServingStatus.SERVING);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(AutoMtls.server(PLUGIN, List.of(HOST.certificate())))
                .addService(health.getHealthService())
                .build()
                .start();
    }

    @AfterClass
    public static void stopPluginServer() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    public void theHostWithItsOwnCertificateIsServed() throws Exception {
        assertEquals(ServingStatus.SERVING, check(AutoMtls.client(PLUGIN.certificate(), HOST)));
    }

    @Test
    public void aClientTheServerDoesNotTrustIsRefused() throws Exception {
        SslContext stranger = AutoMtls.client(PLUGIN.certificate(), EphemeralCertificate.generate());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> check(stranger));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    public void aServerTheClientDoesNotTrustIsRefused() throws Exception {
        X509Certificate someoneElse = EphemeralCertificate.generate().certificate();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> check(AutoMtls.client(someoneElse, HOST)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    public void aServerTrustingNobodyIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoMtls.server(PLUGIN, List.of()));
        assertEquals("a mutual TLS server needs at least one client certificate to trust", e.getMessage());
    }

    @Test
    public void aChannelBuiltFromTheHandshakeFieldsIsServedOverMutualTls() throws Exception {
        assertEquals(ServingStatus.SERVING, check(AutoMtlsChannels.builder("tcp", "127.0.0.1:" + server.getPort(),
                Optional.of(PLUGIN.certificate()), HOST)));
    }

    @Test
    public void withoutAServerCertificateTheChannelIsPlaintextWhichATlsServerRefuses() throws Exception {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> check(
                AutoMtlsChannels.builder("tcp", "127.0.0.1:" + server.getPort(), Optional.empty(), HOST)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    public void aTcpAddressWithoutAPortIsRefusedWithWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoMtlsChannels.builder("tcp", "127.0.0.1", Optional.of(PLUGIN.certificate()), HOST));
        assertEquals("field 4 (address) must be host:port for tcp, was '127.0.0.1'", e.getMessage());
    }

    private static ServingStatus check(SslContext tls) throws InterruptedException {
        return check(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .overrideAuthority(EphemeralCertificate.HOST)
                .sslContext(tls)
                .negotiationType(NegotiationType.TLS));
    }

    private static ServingStatus check(NettyChannelBuilder builder) throws InterruptedException {
        ManagedChannel channel = builder.build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("plugin").build()).getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
