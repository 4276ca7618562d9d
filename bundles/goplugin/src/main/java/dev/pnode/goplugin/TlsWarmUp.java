package dev.pnode.goplugin;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One AutoMTLS health call from the host to itself over a unix socket, made in the background before the first
 * plugin starts. Otherwise the first plugin start runs the host's cold code on its critical path: netty's native
 * epoll transport, the JDK's TLS 1.3 handshake in both roles, HTTP/2, the health stub. Measured with the helloworld
 * plugin: channel set-up 130 ms and first health call 430 ms with a cold host, 8 ms and 220 ms with a warm one.
 */
final class TlsWarmUp {

    private static final System.Logger LOG = System.getLogger(TlsWarmUp.class.getName());
    private static final long DEADLINE_SECONDS = 10;

    private TlsWarmUp() {
    }

    static void run(EphemeralCertificate identity) {
        long started = System.nanoTime();
        EventLoopGroup eventLoops = PluginChannel.oneThread("warm-up", EpollIoHandler.newFactory());
        Path directory = null;
        Server server = null;
        ManagedChannel channel = null;
        try {
            directory = SocketDirectory.create();
            Path socket = directory.resolve("warm-up.sock");
            server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(eventLoops)
                    .workerEventLoopGroup(eventLoops)
                    .withChildOption(ChannelOption.SO_KEEPALIVE, null)
                    .sslContext(AutoMtls.server(identity, identity.certificate()))
                    .addService(new HealthStatusManager().getHealthService())
                    .build().start();
            channel = PluginChannel.open(HandshakeLine.NETWORK_UNIX, socket.toString(),
                    Optional.of(identity.certificate()), identity, eventLoops, EpollDomainSocketChannel.class);
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            LOG.log(Level.DEBUG, "AutoMTLS warmed up in {0} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // only a head start: a real start builds the same pieces and reports its own failures
            LOG.log(Level.DEBUG, "warming up AutoMTLS failed", e);
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
            if (server != null) {
                server.shutdownNow();
            }
            eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            SocketDirectory.delete(directory);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete " + directory, e);
        }
    }
}
