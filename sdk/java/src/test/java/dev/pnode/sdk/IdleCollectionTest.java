package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class IdleCollectionTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicInteger collections = new AtomicInteger();
    private final IdleCollection idle = new IdleCollection(Duration.ofSeconds(5), collections::incrementAndGet, 0);

    private void call() {
        idle.interceptCall(null, new Metadata(), (call, headers) -> new ServerCall.Listener<>() { });
    }

    @Test
    public void collectsOnceWhenTheStartIsFollowedByQuiet() {
        for (long second = 1; second <= 20; second++) {
            idle.check(second * SECOND);
        }
        assertEquals(1, collections.get());
    }

    @Test
    public void waitsTheIdleTimeAfterTheLastCallThenCollectsOnce() {
        idle.check(1 * SECOND);
        call();
        idle.check(2 * SECOND);
        idle.check(6 * SECOND);
        assertEquals("4 s after the last call seen", 0, collections.get());
        idle.check(7 * SECOND);
        assertEquals(1, collections.get());
        idle.check(30 * SECOND);
        assertEquals("one collection per idle spell", 1, collections.get());
    }

    @Test
    public void neverCollectsWhileCallsKeepComing() {
        for (long second = 1; second <= 60; second++) {
            call();
            idle.check(second * SECOND);
        }
        assertEquals(0, collections.get());
    }

    @Test
    public void collectsAgainAfterTheNextBurst() {
        idle.check(10 * SECOND);
        call();
        idle.check(11 * SECOND);
        idle.check(16 * SECOND);
        assertEquals(2, collections.get());
    }
}
