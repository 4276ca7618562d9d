package dev.pnode.goplugin;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A gRPC channel to one plugin with its own netty event loop group, so that closing the plugin also stops the
 * threads (netty would otherwise keep reconnecting to a dead plugin and keep the JVM or bundle alive).
 */
final class PluginChannel {

    private static final Logger LOG = System.getLogger(PluginChannel.class.getName());

    private final ManagedChannel channel;
    private final EventLoopGroup eventLoops;

    private PluginChannel(ManagedChannel channel, EventLoopGroup eventLoops) {
        this.channel = channel;
        this.eventLoops = eventLoops;
    }

    /**
     * Connects as go-plugin's AutoMTLS client: trusts only the certificate from the handshake, authenticates
     * with the host's, and names the server {@code localhost} (its certificate's only name). Without a plugin
     * certificate the channel is plaintext, as go-plugin's client does with such plugins.
     */
    static PluginChannel connect(String label, HandshakeLine handshake, EphemeralCertificate hostIdentity)
            throws SSLException {
        EventLoopGroup eventLoops;
        NettyChannelBuilder builder;
        if (handshake.network().equals(HandshakeLine.NETWORK_UNIX)) {
            eventLoops = oneThread(label, EpollIoHandler.newFactory());
            // grpc always asks for TCP keepalive, which a unix socket lacks: without this netty warns on every connect
            builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(handshake.address()))
                    .channelType(EpollDomainSocketChannel.class)
                    .withOption(ChannelOption.SO_KEEPALIVE, null);
        } else {
            HandshakeLine.TcpAddress address = tcpAddress(handshake.address());
            eventLoops = oneThread(label, NioIoHandler.newFactory());
            builder = NettyChannelBuilder.forAddress(address.host(), address.port())
                    .channelType(NioSocketChannel.class);
        }
        try {
            builder.eventLoopGroup(eventLoops).overrideAuthority(EphemeralCertificate.HOST);
            if (handshake.serverCertificate().isPresent()) {
                builder.sslContext(clientTls(handshake.serverCertificate().get(), hostIdentity))
                        .negotiationType(NegotiationType.TLS);
            } else {
                LOG.log(Level.WARNING, "plugin {0} sent no certificate in its handshake: talking to it WITHOUT TLS "
                        + "(it was built without go-plugin''s AutoMTLS)", label);
                builder.usePlaintext();
            }
            return new PluginChannel(builder.build(), eventLoops);
        } catch (SSLException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static HandshakeLine.TcpAddress tcpAddress(String address) {
        try {
            return HandshakeLine.TcpAddress.parse(address);
        } catch (HandshakeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The JDK provider on purpose: netty-shaded's BoringSSL lacks {@code ecdsa_secp521r1_sha512}, the only TLS 1.3
     * signature scheme a P-521 server certificate can use.
     */
    private static SslContext clientTls(X509Certificate pluginCertificate, EphemeralCertificate hostIdentity)
            throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(pluginCertificate)
                .keyManager(hostIdentity.privateKey(), hostIdentity.certificate())
                .build();
    }

    /** One daemon I/O thread: a plugin channel carries little traffic, and netty 4.2 replaced Epoll/NioEventLoopGroup. */
    private static EventLoopGroup oneThread(String label, IoHandlerFactory transport) {
        return new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "pnode-plugin-" + label + "-grpc");
            thread.setDaemon(true);
            return thread;
        }, transport);
    }

    ManagedChannel channel() {
        return channel;
    }

    /** Closes the channel at once and stops its threads; waits at most about a second. */
    void close() {
        try {
            channel.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
