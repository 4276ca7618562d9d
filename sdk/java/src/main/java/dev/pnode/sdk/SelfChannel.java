package dev.pnode.sdk;

import dev.pnode.wire.AutoMtlsChannels;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * An AutoMTLS channel from the plugin to a server of its own, as a host would hold it (authenticated with
 * {@code client}, which that server trusts): the class data training run and a replacement's warm-up call themselves
 * through it.
 */
final class SelfChannel implements AutoCloseable {

    private static final long CLOSE_SECONDS = 60;

    private final ManagedChannel channel;
    private final Optional<EventLoopGroup> eventLoops;

    private SelfChannel(ManagedChannel channel, Optional<EventLoopGroup> eventLoops) {
        this.channel = channel;
        this.eventLoops = eventLoops;
    }

    static SelfChannel open(HandshakeLine line, EphemeralCertificate client) throws HandshakeException, SSLException {
        NettyChannelBuilder builder = AutoMtlsChannels.builder(line.network(), line.address(),
                Optional.of(line.serverCertificate().orElseThrow(() ->
                        new HandshakeException("the plugin's own server sent no certificate"))), client);
        Optional<EventLoopGroup> eventLoops = Optional.empty();
        if (line.network().equals(HandshakeLine.NETWORK_UNIX)) {
            EventLoopGroup group = new EpollEventLoopGroup(1);
            builder.eventLoopGroup(group).channelType(EpollDomainSocketChannel.class);
            eventLoops = Optional.of(group);
        }
        return new SelfChannel(builder.build(), eventLoops);
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            channel.shutdownNow();
            channel.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS);
        } finally {
            eventLoops.ifPresent(group -> group.shutdownGracefully(0, 0, TimeUnit.SECONDS));
        }
    }
}
