package dev.pnode.goplugin;

import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * Runs a plugin channel's set-up once in a node, on a thread of its own, while the first plugin start waits for its
 * plugin's handshake line: netty's TLS context (its static initialiser makes a default {@code SSLContext}, which reads
 * the JDK's CA file), the JDK's key and trust manager factories, epoll's native library and grpc's channel
 * construction. In a cold node JVM that took 180-250 ms after the handshake line, on the start's critical path; a Java
 * plugin's JVM takes longer than that to its handshake line (BENCHMARKS.md, session 9). Nothing connects: the channel
 * names a socket that does not exist and is shut down unused, and so is its event loop. A failure is only logged: the
 * real set-up reports its own.
 */
final class ChannelWarmUp {

    private static final Logger LOG = System.getLogger(ChannelWarmUp.class.getName());
    static final String THREAD_NAME = "pnode-plugin-channel-warm-up";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ChannelWarmUp() {
    }

    /**
     * Starts the warm-up for the first plugin start of this JVM (later starts find the code warm).
     *
     * @return completes when the warm-up has ended (at once when this call did not start one)
     */
    static CompletableFuture<Void> startOnce(EphemeralCertificate identity) {
        if (!STARTED.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                run(identity);
            } finally {
                ended.complete(null);
            }
        }, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return ended;
    }

    /**
     * Lets a warm-up end before the real channel is set up, at most {@code limit}: when the plugin answered sooner (a
     * Go plugin's handshake line comes within tens of milliseconds), both would otherwise run the same cold code at
     * once on a small machine's cores.
     */
    static void awaitAtMost(CompletableFuture<Void> warmUp, Duration limit) {
        try {
            warmUp.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // set up without it: the warm-up only saves time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds and drops a TLS channel as {@link PluginChannel#connect} builds one for a unix socket. */
    static void run(EphemeralCertificate identity) {
        EventLoopGroup eventLoops = PluginChannel.oneThread("warm-up", PluginChannel.epoll());
        try {
            ManagedChannel unused = PluginChannel.open(HandshakeLine.NETWORK_UNIX, "/nonexistent/pnode-warm-up",
                    Optional.of(identity.certificate()), identity, eventLoops, EpollDomainSocketChannel.class);
            unused.shutdownNow();
        } catch (SSLException | RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "warming up the plugin channel code failed (the first start sets it up itself): {0}",
                    e.toString());
        } finally {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }
}
