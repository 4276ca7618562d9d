package dev.pnode.goplugin;

import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import dev.pnode.wire.NativeAutoMtls;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Runs a plugin channel's set-up once in a node, on a thread of its own, before the first plugin start needs it:
 * netty's TLS context (its static initialiser makes a default {@code SSLContext}, which reads the JDK's CA file),
 * BoringSSL's library (netty extracts and loads it, and probes its ciphers), the JDK's key and trust manager
 * factories, epoll's native library and grpc's channel construction. In a cold node JVM
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
    static final String HANDSHAKES_THREAD_NAME = "pnode-plugin-tls-warm-up";
    /**
     * How long after the node's first plugin start the TLS handshakes begin: past the start's own aftermath (its
     * first calls; a restart's greeting, BENCHMARKS.md figure 4), so that they take the CPU from nobody waiting.
     */
    static final Duration HANDSHAKES_DELAY = Duration.ofSeconds(5);
    /** The node's: the code it warms up is the JVM's, so one warm-up serves every plugin of the node. */
    static final ChannelWarmUp NODE = new ChannelWarmUp(() -> !NativeAutoMtls.inUse());

    private final AtomicReference<CompletableFuture<Void>> started = new AtomicReference<>();
    private final AtomicBoolean handshakesScheduled = new AtomicBoolean();
    private final BooleanSupplier jdkTls;

    /** {@code jdkTls}: whether the channels' TLS is the JDK's, whose handshake code {@link #handshakesOnce} warms. */
    ChannelWarmUp(BooleanSupplier jdkTls) {
        this.jdkTls = jdkTls;
    }

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
     * Schedules {@link TlsWarmUp#HANDSHAKES} in-memory TLS handshakes with {@code identity}, {@code delay} from now
     * on a daemon thread of their own, unless they were scheduled before. The channel warm-up builds a TLS context
     * but handshakes with nobody: the handshake's cryptography is what the node's first reloads otherwise compile
     * while callers wait (BENCHMARKS.md, session 12). A plugin start calls this once it serves. Only with the JDK's
     * TLS: BoringSSL's handshake is native code (BENCHMARKS.md, session 15).
     *
     * @return completes when the handshakes have ended (or failed: only logged), or at once if scheduled before or
     *     if the channels' TLS is not the JDK's
     */
    CompletableFuture<Void> handshakesOnce(EphemeralCertificate identity, Duration delay) {
        if (!jdkTls.getAsBoolean() || !handshakesScheduled.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> handshakes(identity),
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, task -> {
                    Thread thread = new Thread(task, HANDSHAKES_THREAD_NAME);
                    thread.setDaemon(true);
                    thread.start();
                }));
    }

    private static void handshakes(EphemeralCertificate identity) {
        try {
            TlsWarmUp.run(identity, TlsWarmUp.HANDSHAKES);
        } catch (SSLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "warming up the TLS handshake code failed (reloads compile it themselves): {0}",
                    e.toString());
        }
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
