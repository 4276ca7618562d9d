package dev.pnode.sdk;

import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ManagedChannel;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * An AutoMTLS channel from the plugin to a server of its own, as a host would hold it (authenticated with
 * {@code client}, which that server trusts), on the transport that server uses: the class data training run and a
 * replacement's warm-up call themselves through it, so that they load the classes the host's calls will need.
 */
final class SelfChannel implements AutoCloseable {

    private static final long CLOSE_SECONDS = 60;

    private final ManagedChannel channel;
    private final Runnable releaseTransport;

    SelfChannel(ManagedChannel channel, Runnable releaseTransport) {
        this.channel = channel;
        this.releaseTransport = releaseTransport;
    }

    static SelfChannel open(HandshakeLine line, EphemeralCertificate client) throws HandshakeException, SSLException {
        return line.network().equals(HandshakeLine.NETWORK_UNIX) ? NettyTransport.connect(line, client)
                : OkHttpTransport.connect(line, client);
    }

    static X509Certificate serverCertificate(HandshakeLine line) throws HandshakeException {
        return line.serverCertificate().orElseThrow(() ->
                new HandshakeException("the plugin's own server sent no certificate"));
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
            releaseTransport.run();
        }
    }
}
