package dev.pnode.rpc.transport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that waits too long for its peer, on a read or a write: a blocking channel has no timeout
 * of its own, and closing it from another thread ends the blocked call.
 */
final class IdleGuard {

    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final Closeable connection;
    private ScheduledFuture<?> pending;

    IdleGuard(ScheduledExecutorService timer, Duration timeout, Closeable connection) {
        this.timer = timer;
        this.timeout = timeout;
        this.connection = connection;
    }

    /** Before waiting for the peer. */
    synchronized void arm() {
        disarm();
        try {
            pending = timer.schedule(this::closeQuietly, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the endpoint is shutting down: no more waiting for anyone
            closeQuietly();
        }
    }

    /** Once the peer answered (or while the node itself works on a request). */
    synchronized void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (IOException e) {
            // the blocked read or write fails either way, which is the point
        }
    }
}
