package dev.pnode.central.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;

/** A fetch on its own thread: its result or failure reaches the caller, and close() never leaves it running. */
public class BackgroundFetchTest {

    @Test
    public void getReturnsTheResult() throws Exception {
        try (BackgroundFetch<String> fetch = new BackgroundFetch<>("test-fetch", () -> "signature")) {
            assertEquals("signature", fetch.get());
        }
    }

    @Test
    public void getThrowsTheFetchFailureItself() throws Exception {
        CentralException failure = new CentralException(Failure.NOT_FOUND, "not found: HTTP 404 for GET x");
        try (BackgroundFetch<String> fetch = new BackgroundFetch<>("test-fetch", () -> {
            throw failure;
        })) {
            fetch.get();
            fail("the fetch failure must reach the caller");
        } catch (CentralException e) {
            assertSame(failure, e);
        }
    }

    @Test
    public void closeInterruptsAnUnwantedFetchAndWaitsForItsThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        Thread[] fetchThread = new Thread[1];
        try (BackgroundFetch<String> fetch = new BackgroundFetch<>("test-fetch", () -> {
            fetchThread[0] = Thread.currentThread();
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
            }
            return "too late";
        })) {
            started.await();
        }
        assertTrue("the fetch was interrupted", sawInterrupt.get());
        assertTrue("its thread has ended", !fetchThread[0].isAlive());
    }
}
