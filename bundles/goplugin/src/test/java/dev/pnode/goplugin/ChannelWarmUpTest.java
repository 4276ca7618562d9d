package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.pnode.wire.EphemeralCertificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class ChannelWarmUpTest {

    private static final EphemeralCertificate IDENTITY = EphemeralCertificate.generate();

    @Test
    public void warmingUpLeavesNoThreadRunning() throws InterruptedException {
        ChannelWarmUp.run(IDENTITY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (warmUpThreads() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals("netty threads of the warm-up still running", 0, warmUpThreads());
    }

    @Test
    public void onlyTheFirstCallWarmsUp() throws Exception {
        ChannelWarmUp warmUp = new ChannelWarmUp(() -> true);
        AtomicInteger identitiesAsked = new AtomicInteger();
        warmUp.startOnce(() -> {
            identitiesAsked.incrementAndGet();
            return IDENTITY;
        }).get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> second = warmUp.startOnce(() -> {
            identitiesAsked.incrementAndGet();
            return IDENTITY;
        });
        assertTrue("a second warm-up was started", second.isDone());
        assertEquals(1, identitiesAsked.get());
    }

    /**
     * The host starts the warm-up when its settings name a plugin; the plugin's start must then wait for that one
     * (not run the same cold code beside it) rather than find it "done".
     */
    @Test
    public void aStartWaitsForTheWarmUpStartedBeforeIt() throws Exception {
        ChannelWarmUp warmUp = new ChannelWarmUp(() -> true);
        CountDownLatch identityMade = new CountDownLatch(1);
        CompletableFuture<Void> early = warmUp.startOnce(() -> {
            await(identityMade);
            return IDENTITY;
        });
        CompletableFuture<Void> atStart = warmUp.startOnce(() -> IDENTITY);
        assertSame(early, atStart);
        assertFalse("the start was told the running warm-up had ended", atStart.isDone());
        identityMade.countDown();
        atStart.get(30, TimeUnit.SECONDS);
    }

    /** A node's first plugin start schedules the handshakes; later starts (every reload's) must not run them again. */
    @Test
    public void handshakesRunOncePerNode() throws Exception {
        ChannelWarmUp warmUp = new ChannelWarmUp(() -> true);
        CompletableFuture<Void> first = warmUp.handshakesOnce(IDENTITY, Duration.ZERO);
        CompletableFuture<Void> second = warmUp.handshakesOnce(IDENTITY, Duration.ZERO);
        assertTrue("a second start was given handshakes to wait for", second.isDone());
        first.get(60, TimeUnit.SECONDS);
    }

    /** BoringSSL's handshake is native: 30 JDK handshakes would warm up code no plugin channel runs. */
    @Test
    public void withoutTheJdksTlsNoHandshakesRun() {
        CompletableFuture<Void> handshakes = new ChannelWarmUp(() -> false).handshakesOnce(IDENTITY, Duration.ZERO);
        assertTrue("handshakes were run for the JDK's TLS, which the channels do not use", handshakes.isDone());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("pnode-plugin-warm-up")
                        || thread.getName().equals(ChannelWarmUp.THREAD_NAME))
                .count();
    }
}
