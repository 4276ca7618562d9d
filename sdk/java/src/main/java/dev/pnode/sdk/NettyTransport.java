package dev.pnode.sdk;

import dev.pnode.wire.AutoMtlsChannels;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The unix socket transport: grpc-netty-shaded with netty's epoll, server and self-calling client. The only class
 * of the SDK that touches netty, so a plugin serving on TCP ({@link OkHttpTransport}) loads no netty class; each
 * entry applies {@link NettyFootprint} first, before netty reads its settings.
 */
final class NettyTransport {

    private NettyTransport() {
    }

    static PluginListener serve(Path directory, Optional<String> group, Optional<AutoMtls> mtls,
            Consumer<ServerBuilder<?>> services) {
        NettyFootprint.apply();
        if (!Epoll.isAvailable()) {
            throw new PluginStartException("unix sockets need netty's epoll transport, which is unavailable here ("
                    + Epoll.unavailabilityCause() + "); set " + PluginEnvironment.TRANSPORT + "=tcp to serve on TCP");
        }
        Path socket = PluginListener.reserveSocketPath(directory);
        EventLoopGroup eventLoops = new EpollEventLoopGroup(2, new DefaultThreadFactory("pnode-plugin-grpc", true));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(eventLoops)
                .workerEventLoopGroup(eventLoops);
        try {
            if (mtls.isPresent()) {
                builder.sslContext(dev.pnode.wire.AutoMtls.server(mtls.get().own(), mtls.get().trusted()));
            }
            services.accept(builder);
            PluginListener listener = new PluginListener(builder.build().start(), "unix", socket.toString(),
                    Optional.of(socket), grace -> eventLoops.shutdownGracefully(0, grace, TimeUnit.MILLISECONDS));
            try {
                group.ifPresent(name -> shareWithGroup(socket, name));
            } catch (PluginStartException e) {
                listener.stop(0);
                throw e;
            }
            return listener;
        } catch (IOException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e instanceof PluginStartException start ? start
                    : new PluginStartException("cannot listen on unix socket " + socket + ": " + e.getMessage(), e);
        }
    }

    /** go-plugin's setGroupWritable: the group owns the socket and may read and write it. */
    private static void shareWithGroup(Path socket, String group) {
        try {
            GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new PluginStartException("cannot give group \"" + group + "\" (" + PluginEnvironment.UNIX_SOCKET_GROUP
                    + ") the plugin socket " + socket + ": " + e, e);
        }
    }

    static SelfChannel connect(HandshakeLine line, EphemeralCertificate client)
            throws HandshakeException, SSLException {
        NettyFootprint.apply();
        NettyChannelBuilder builder = AutoMtlsChannels.builder(line.network(), line.address(),
                Optional.of(SelfChannel.serverCertificate(line)), client);
        EventLoopGroup eventLoops = new EpollEventLoopGroup(1);
        builder.eventLoopGroup(eventLoops).channelType(EpollDomainSocketChannel.class);
        return new SelfChannel(builder.build(), () -> eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS));
    }
}
