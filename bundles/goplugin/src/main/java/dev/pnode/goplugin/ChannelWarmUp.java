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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Runs a plugin channel's set-up once in a node, on a thread of its own, before the first plugin start needs it:
 * netty's TLS context (its static initialiser makes a default {@code SSLContext}, which reads the JDK's CA file), the
 * JDK's key and trust manager factories, epoll's native library and grpc's channel construction. In a cold node JVM
 * that took 180-250 ms after the handshake line, on the start's critical path. The host starts it as soon as its
 * settings name a plugin ({@link PluginProcess#warmUpChannel()}), so that it runs while the zip is checked and the
 * plugin spawned: a Go plugin's handshake line comes within tens of milliseconds of the spawn, too soon for a warm-up
 * started there (BENCHMARKS.md, sessions 9 and 11). Otherwise the first start starts it right after its spawn. Nothing
 * connects: the channel names a socket that does not exist and is shut down unused, and so is its event loop. A
 * failure is only logged: the real set-up reports its own.
 */
final class ChannelWarmUp {

    private static final Logger LOG = System.getLogger(ChannelWarmUp.class.getName());
    static final String THREAD_NAME = "pnode-plugin-channel-warm-up";
    /** The node's: the code it warms up is the JVM's, so one warm-up serves every plugin of the node. */
    static final ChannelWarmUp NODE = new ChannelWarmUp();

    private final AtomicReference<CompletableFuture<Void>> started = new AtomicReference<>();

    /**
     * Starts the warm-up unless one was started before (later starts find the code warm).
     *
     * @param identity the host identity to build the TLS context with, asked for on the warm-up's thread
     * @return completes when the warm-up has ended: the one this call started, or the one started before it (which
     *     may still run)
     */
    CompletableFuture<Void> startOnce(Supplier<EphemeralCertificate> identity) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        if (!started.compareAndSet(null, ended)) {
            return started.get();
        }
        Thread thread = new Thread(() -> {
            try {
                run(identity.get());
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
