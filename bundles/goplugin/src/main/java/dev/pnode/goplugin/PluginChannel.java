package dev.pnode.goplugin;

import dev.pnode.wire.AutoMtlsChannels;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import dev.pnode.wire.NativeAutoMtls;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ReflectiveChannelFactory;
import io.grpc.netty.shaded.io.netty.channel.SelectStrategy;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.spi.SelectorProvider;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A gRPC channel to one plugin with its own netty event loop group, so that closing the plugin also stops the
 * threads (netty would otherwise keep reconnecting to a dead plugin and keep the JVM or bundle alive).
 */
final class PluginChannel {

    private static final Logger LOG = System.getLogger(PluginChannel.class.getName());
    /** {@link PluginProcess#EVENT_LOOP_SPIN_MICROS_PROPERTY}'s default; why 200 us: the bundle's README. */
    private static final long DEFAULT_SPIN_MICROS = 200;
    /** grpc-java's default initial window (1 MiB), given explicitly. */
    private static final int FLOW_CONTROL_WINDOW_BYTES = 1 << 20;

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
        boolean unix = handshake.network().equals(HandshakeLine.NETWORK_UNIX);
        EventLoopGroup eventLoops = oneThread(label, unix ? epoll() : nio());
        try {
            if (handshake.serverCertificate().isEmpty()) {
                LOG.log(Level.WARNING, "plugin {0} sent no certificate in its handshake: talking to it WITHOUT TLS "
                        + "(it was built without go-plugin''s AutoMTLS)", label);
            }
            ReflectiveChannelFactory<? extends Channel> channels = new ReflectiveChannelFactory<>(
                    unix ? EpollDomainSocketChannel.class : NioSocketChannel.class);
            // a plugin's PING answered with the next call's request, not in a write of its own; the loop is this
            // channel's alone, so it blocks, and sends a held answer, whenever the channel is idle
            ManagedChannel channel = builder(handshake.network(), handshake.address(), handshake.serverCertificate(),
                    hostIdentity, eventLoops)
                    .channelFactory(() -> PingAckDeferral.install(channels.newChannel()))
                    .build();
            return new PluginChannel(channel, eventLoops);
        } catch (SSLException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * A channel on the caller's event loops to {@code address}, authenticated as {@link #connect} does: mutual TLS
     * when the plugin has a certificate, plaintext when it has none.
     */
    static ManagedChannel open(String network, String address, Optional<X509Certificate> pluginCertificate,
            EphemeralCertificate hostIdentity, EventLoopGroup eventLoops, Class<? extends Channel> channelType)
            throws SSLException {
        return builder(network, address, pluginCertificate, hostIdentity, eventLoops).channelType(channelType).build();
    }

    /** {@link #open} without its channel type. */
    private static NettyChannelBuilder builder(String network, String address,
            Optional<X509Certificate> pluginCertificate, EphemeralCertificate hostIdentity, EventLoopGroup eventLoops)
            throws SSLException {
        Optional<SslContext> tls = pluginCertificate.isPresent()
                ? Optional.of(NativeAutoMtls.client(pluginCertificate.get(), hostIdentity)) : Optional.empty();
        NettyChannelBuilder builder = AutoMtlsChannels.builder(network, address, tls);
        builder.eventLoopGroup(eventLoops);
        // a fixed window turns grpc-java's automatic flow control off: it sent the plugin a PING after every answer
        builder.flowControlWindow(FLOW_CONTROL_WINDOW_BYTES);
        // pnode gives no retry policy; with retries enabled (grpc-java's default) every call still went through the
        // buffering of a RetriableStream
        builder.disableRetry();
        builder.intercept(new DeadlineSweep(eventLoops));
        builder.intercept(new OneWakeUpPerCall());
        return builder;
    }

    /** Native epoll (unix sockets, and TCP on Linux), polling briefly before it blocks. */
    static IoHandlerFactory epoll() {
        return EpollIoHandler.newFactory(0, PluginChannel::selectStrategy);
    }

    /** Java NIO (TCP), polling briefly before it blocks. */
    static IoHandlerFactory nio() {
        return NioIoHandler.newFactory(SelectorProvider.provider(), PluginChannel::selectStrategy);
    }

    private static SelectStrategy selectStrategy() {
        long spinMicros = Long.getLong(PluginProcess.EVENT_LOOP_SPIN_MICROS_PROPERTY, DEFAULT_SPIN_MICROS);
        return new SpinThenBlockStrategy(TimeUnit.MICROSECONDS.toNanos(Math.max(0, spinMicros)));
    }

    /** One daemon I/O thread: a plugin channel carries little traffic, and netty 4.2 replaced Epoll/NioEventLoopGroup. */
    static EventLoopGroup oneThread(String label, IoHandlerFactory transport) {
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
