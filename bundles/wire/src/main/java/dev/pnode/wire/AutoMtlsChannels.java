package dev.pnode.wire;

import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The client end of go-plugin's AutoMTLS as a netty channel builder: what every client of a go-plugin server sets
 * the same way (the host calling its plugins and their brokers, a Java plugin's class data training run calling
 * itself). The caller adds its event loops, channel type and tuning.
 */
public final class AutoMtlsChannels {

    private AutoMtlsChannels() {
    }

    /**
     * A builder for a channel to {@code address} on {@code network} ({@link HandshakeLine#NETWORK_UNIX} or
     * {@code tcp}, as a handshake line gives them): mutual TLS authenticated as {@code own}, trusting only
     * {@code server} and naming the server {@code localhost} (its certificate's only name); plaintext when there is
     * no server certificate, as go-plugin's client does with plugins built without AutoMTLS. The JDK's TLS
     * ({@link AutoMtls}). A unix socket needs the caller's epoll event loops and {@code EpollDomainSocketChannel}.
     *
     * @throws IllegalArgumentException when a tcp address is not host:port
     */
    public static NettyChannelBuilder builder(String network, String address, Optional<X509Certificate> server,
            EphemeralCertificate own) throws SSLException {
        return builder(network, address, server.isPresent() ? Optional.of(AutoMtls.client(server.get(), own))
                : Optional.empty());
    }

    /**
     * As {@link #builder(String, String, Optional, EphemeralCertificate)}, with a client TLS context the caller made
     * ({@link AutoMtls#client} or {@link NativeAutoMtls#client}); plaintext without one.
     */
    public static NettyChannelBuilder builder(String network, String address, Optional<SslContext> tls) {
        NettyChannelBuilder builder;
        if (network.equals(HandshakeLine.NETWORK_UNIX)) {
            // grpc always asks for TCP keepalive, which a unix socket lacks: without this netty warns on every connect
            builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(address))
                    .withOption(ChannelOption.SO_KEEPALIVE, null);
        } else {
            HandshakeLine.TcpAddress tcp = tcpAddress(address);
            builder = NettyChannelBuilder.forAddress(tcp.host(), tcp.port()).withOption(ChannelOption.TCP_NODELAY, true);
        }
        builder.overrideAuthority(EphemeralCertificate.HOST);
        if (tls.isPresent()) {
            builder.sslContext(tls.get()).negotiationType(NegotiationType.TLS);
        } else {
            builder.usePlaintext();
        }
        return builder;
    }

    private static HandshakeLine.TcpAddress tcpAddress(String address) {
        try {
            return HandshakeLine.TcpAddress.parse(address);
        } catch (HandshakeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
