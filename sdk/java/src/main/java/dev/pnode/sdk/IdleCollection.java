package dev.pnode.sdk;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One full garbage collection once the plugin has answered calls and then had none for a while, so that an idle
 * plugin hands its garbage and the heap it no longer needs back to the system (the JVM collects only when the
 * young generation fills, which an idle plugin never does, and shrinks the heap only at a full collection).
 * Measured on the helloworld example: BENCHMARKS.md, "session 7". One collection per idle spell, never while calls
 * come in; the calls only set a flag.
 */
final class IdleCollection implements ServerInterceptor {

    private static final Duration CHECK_PERIOD = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(IdleCollection.class.getName());

    private final long idleNanos;
    private final Runnable collect;
    private final ScheduledExecutorService timer;
    /** Written by every call, read by the timer: only a flag, so calls never contend on a counter. */
    private volatile boolean called;
    private long lastSeenCallNanos;
    /** True from a call seen by the timer until the collection that follows it; the start counts as a call. */
    private boolean collectionDue = true;

    IdleCollection(Duration idle, Runnable collect, long startNanos) {
        this.idleNanos = idle.toNanos();
        this.collect = collect;
        this.lastSeenCallNanos = startNanos;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pnode-plugin-idle-gc");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching; {@code idle} is the quiet time before the collection. */
    static IdleCollection start(Duration idle) {
        IdleCollection collection = new IdleCollection(idle, IdleCollection::collectHeap, System.nanoTime());
        collection.timer.scheduleWithFixedDelay(() -> collection.check(System.nanoTime()), CHECK_PERIOD.toMillis(),
                CHECK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return collection;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (!called) {
            called = true;
        }
        return next.startCall(call, headers);
    }

    /** One look at the calls since the last: collects when the last call seen is {@code idle} old. */
    void check(long now) {
        if (called) {
            called = false;
            lastSeenCallNanos = now;
            collectionDue = true;
        } else if (collectionDue && now - lastSeenCallNanos >= idleNanos) {
            collectionDue = false;
            collect.run();
        }
    }

    private static void collectHeap() {
        long start = System.nanoTime();
        System.gc();
        LOG.log(System.Logger.Level.DEBUG, () -> "idle: collected the heap in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    }

    void stop() {
        timer.shutdownNow();
    }
}
