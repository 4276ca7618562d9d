package dev.pnode.goplugin;

import dev.pnode.wire.AutoMtls;
import dev.pnode.wire.EphemeralCertificate;
import io.grpc.netty.shaded.io.netty.buffer.UnpooledByteBufAllocator;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Mutual TLS 1.3 handshakes in memory, between the host's identity and a throwaway plugin identity, as a plugin
 * start runs them when the node's TLS is the JDK's ({@code NativeAutoMtls} found no BoringSSL): the AutoMTLS
 * contexts, a plugin identity as a Go plugin makes one (P-521), netty's JDK engine with ALPN, the host's ECDSA P-256
 * signature and the checks of the plugin's P-521 ones, the key exchange and the first records. The JDK runs most of
 * that as Java code (its P-521, P-256 and X25519 field arithmetic, {@code BigInteger}, SHA-2), which a node otherwise
 * compiles bit by bit during its first reloads, on the callers' cores. Nothing touches a socket or a plugin.
 */
final class TlsWarmUp {

    /**
     * Enough rounds for the JIT to finish with the handshake's code (BENCHMARKS.md, session 12): 8 left it just short
     * of the C2 thresholds, so the first reload compiled more than without them; after 30 a reload compiled 1-6
     * elliptic-curve methods instead of 8-30.
     */
    static final int HANDSHAKES = 30;
    /** An engine pair that has not finished after this many exchanges is stuck: give up. */
    private static final int MAX_EXCHANGES = 50;
    private static final byte[] HELLO = "pnode-warm-up".getBytes(StandardCharsets.US_ASCII);

    private TlsWarmUp() {
    }

    /**
     * Runs {@code count} handshakes, each with fresh contexts as a start has them, all against one plugin identity: a
     * Go plugin makes its P-521 key itself, the node only checks its signatures, so a key pair per round compiled
     * P-521 key generation the node never runs.
     */
    static void run(EphemeralCertificate host, int count) throws SSLException {
        EphemeralCertificate plugin = EphemeralCertificate.generateAsGoPlugin();
        for (int i = 0; i < count; i++) {
            SslContext client = AutoMtls.client(plugin.certificate(), host);
            SslContext server = AutoMtls.server(plugin, List.of(host.certificate()));
            handshake(client.newEngine(UnpooledByteBufAllocator.DEFAULT),
                    server.newEngine(UnpooledByteBufAllocator.DEFAULT));
        }
    }

    /** Handshakes and sends one record each way, both engines in this thread. */
    static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int application = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        ByteBuffer clientOut = ByteBuffer.wrap(HELLO);
        ByteBuffer serverOut = ByteBuffer.wrap(HELLO);
        ByteBuffer toServer = ByteBuffer.allocate(packet);
        ByteBuffer toClient = ByteBuffer.allocate(packet);
        ByteBuffer clientIn = ByteBuffer.allocate(application);
        ByteBuffer serverIn = ByteBuffer.allocate(application);
        client.beginHandshake();
        server.beginHandshake();
        for (int exchanges = 0; clientIn.position() < HELLO.length || serverIn.position() < HELLO.length;
                exchanges++) {
            if (exchanges == MAX_EXCHANGES) {
                throw new SSLException("the warm-up's handshake did not finish in " + MAX_EXCHANGES + " exchanges");
            }
            send(client, clientOut, toServer);
            send(server, serverOut, toClient);
            receive(client, toClient, clientIn);
            receive(server, toServer, serverIn);
        }
        client.closeOutbound();
        server.closeOutbound();
    }

    /** What {@code engine} has to send (handshake messages, then {@code application}) into {@code network}. */
    private static void send(SSLEngine engine, ByteBuffer application, ByteBuffer network) throws SSLException {
        engine.wrap(application, network);
        runTasks(engine);
    }

    /** One record from {@code network} (filled by the peer's {@link #send}) into {@code application}. */
    private static void receive(SSLEngine engine, ByteBuffer network, ByteBuffer application) throws SSLException {
        network.flip();
        engine.unwrap(network, application);
        network.compact();
        runTasks(engine);
    }

    private static void runTasks(SSLEngine engine) {
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        }
    }
}
