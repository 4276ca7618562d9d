package dev.pnode.rpc.transport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that waits too long for its peer, on a read or a write: a blocking channel has no timeout
 * of its own, and closing it from another thread ends the blocked call. Arming and disarming only note the time;
 * one periodic sweep per server closes the connections waiting past their timeout. (A timer task per read and write
 * cost the IPC endpoint a timer-thread wake-up on most calls: a few microseconds each on 2 cores.)
 */
final class IdleGuard {

    private static final long DISARMED = Long.MIN_VALUE;

    private final long timeoutNanos;
    private final Closeable connection;
    /** {@link System#nanoTime()} when the wait began, or {@link #DISARMED}. */
    private volatile long armedAt = DISARMED;

    private IdleGuard(Duration timeout, Closeable connection) {
        this.timeoutNanos = timeout.toNanos();
        this.connection = connection;
    }

    /** Before waiting for the peer. */
    void arm() {
        armedAt = System.nanoTime();
    }

    /** Once the peer answered (or while the node itself works on a request). */
    void disarm() {
        armedAt = DISARMED;
    }

    private void closeIfExpired(long now) {
        long since = armedAt;
        if (since != DISARMED && now - since > timeoutNanos) {
            try {
                connection.close();
            } catch (IOException e) {
                // the blocked read or write fails either way, which is the point
            }
        }
    }

    /**
     * The guards of one server and their sweep, which runs every {@code precision} (so a connection is closed at
     * most that long after its timeout).
     */
    static final class Sweep implements AutoCloseable {
        private final Set<IdleGuard> guards = ConcurrentHashMap.newKeySet();
        private final ScheduledFuture<?> sweeping;

        Sweep(ScheduledExecutorService timer, Duration precision) {
            long period = precision.toNanos();
            sweeping = timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
        }

        /** A disarmed guard for one connection; {@link #release} it when the connection ends. */
        IdleGuard guard(Duration timeout, Closeable connection) {
            IdleGuard guard = new IdleGuard(timeout, connection);
            guards.add(guard);
            return guard;
        }

        void release(IdleGuard guard) {
            guards.remove(guard);
        }

        private void sweep() {
            long now = System.nanoTime();
            guards.forEach(guard -> guard.closeIfExpired(now));
        }

        @Override
        public void close() {
            sweeping.cancel(false);
        }
    }
}
