package dev.pnode.goplugin.testplugin;

import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.proto.goplugin.ConnInfo;
import dev.pnode.proto.goplugin.GRPCBrokerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The plugin side of go-plugin's broker, as go-plugin's {@code GRPCBroker} behaves in a plugin, for tests: when the
 * host opens the stream it knocks for {@link #KNOCK_ID} and keeps offering {@link #OFFERED_ID} (a health service
 * answering SERVING for {@link #OFFERED_SERVICE}); every connection the host offers is dialled at once
 * and asked for the health of {@link #ASKED_SERVICE}. What happens is printed on stderr for the test to read.
 */
final class TestBroker extends GRPCBrokerGrpc.GRPCBrokerImplBase {

    static final int OFFERED_ID = 1000;
    static final int KNOCK_ID = 77;
    static final String OFFERED_SERVICE = "brokered-by-plugin";
    static final String ASKED_SERVICE = "from-plugin";

    private final EphemeralCertificate identity;
    private final X509Certificate hostCertificate;
    private final Path socketDirectory;
    private final PrintStream log;
    private final EpollEventLoopGroup eventLoops = new EpollEventLoopGroup(1);

    TestBroker(EphemeralCertificate identity, X509Certificate hostCertificate, Path socketDirectory, PrintStream log) {
        this.identity = identity;
        this.hostCertificate = hostCertificate;
        this.socketDirectory = socketDirectory;
        this.log = log;
    }

    @Override
    public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> toHost) {
        ScheduledExecutorService offers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "test-broker-offers");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ConnInfo offer = ConnInfo.newBuilder().setServiceId(OFFERED_ID).setNetwork("unix")
                    .setAddress(offer().toString()).build();
            synchronized (toHost) {
                toHost.onNext(ConnInfo.newBuilder().setServiceId(KNOCK_ID)
                        .setKnock(ConnInfo.Knock.newBuilder().setKnock(true)).build());
            }
            // go-plugin hosts drop an offer nobody dials within 5 s, so a plugin that wants to stay reachable
            // offers again (the same socket serves every connection)
            offers.scheduleWithFixedDelay(() -> {
                synchronized (toHost) {
                    toHost.onNext(offer);
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.println("broker offer failed: " + e);
        }
        return new StreamObserver<>() {
            @Override
            public void onNext(ConnInfo info) {
                if (info.hasKnock()) {
                    log.println("knock " + info.getServiceId() + " answered: ack=" + info.getKnock().getAck()
                            + " error=" + info.getKnock().getError());
                } else {
                    new Thread(() -> dialBack(info)).start();
                }
            }

            @Override
            public void onError(Throwable error) {
                offers.shutdownNow();
                log.println("broker stream ended: " + error);
            }

            @Override
            public void onCompleted() {
                offers.shutdownNow();
                toHost.onCompleted();
            }
        };
    }

    private Path offer() throws Exception {
        Path socket = socketDirectory.resolve("plugin-broker.sock");
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(eventLoops)
                .workerEventLoopGroup(eventLoops);
        if (hostCertificate != null) {
            builder.sslContext(GrpcSslContexts.configure(
                    SslContextBuilder.forServer(identity.privateKey(), identity.certificate()), SslProvider.JDK)
                    .trustManager(hostCertificate).clientAuth(ClientAuth.REQUIRE).build());
        }
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus(OFFERED_SERVICE, ServingStatus.SERVING);
        Server server = builder.addService(health.getHealthService()).build().start();
        log.println("offering broker id " + OFFERED_ID + " on " + socket + " (" + server.getListenSockets() + ")");
        return socket;
    }

    private void dialBack(ConnInfo info) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(info.getAddress()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(eventLoops).overrideAuthority("localhost");
        ManagedChannel channel = null;
        try {
            if (hostCertificate != null) {
                builder.sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                        .trustManager(hostCertificate).keyManager(identity.privateKey(), identity.certificate())
                        .build());
            } else {
                builder.usePlaintext();
            }
            channel = builder.build();
            ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(ASKED_SERVICE).build()).getStatus();
            log.println("broker " + info.getServiceId() + " at " + info.getNetwork() + ": host answered " + status);
        } catch (Exception e) {
            log.println("broker " + info.getServiceId() + ": dialling the host failed: " + e);
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
        }
    }
}
