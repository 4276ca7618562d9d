package dev.pnode.host.manager;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A reload's replacement takes a growing share of the calls while the replaced process still serves the rest, until
 * it answers about as fast as the replaced one. Why: a freshly started plugin JVM still interprets its gRPC, TLS and
 * protobuf code, so switched over at once it serves a few times slower than the warm process, callers sending at a
 * steady rate fall behind, and their backlog took seconds to drain (BENCHMARKS.md, "session 7": every call for 1-4 s
 * after the switch was late by up to 1.7 s, the calls themselves taking under 10 ms). The share grows from
 * {@link #FIRST_SHARE} to all over {@link #LIMIT}, each call drawn at random (a caller that is
 * behind its schedule and calls back to back must not keep getting the slow process: with "the replacement takes a
 * call whenever it has none" one late caller did, and its lateness grew for the whole shift), and at most
 * {@link #MAX_IN_FLIGHT} calls are on the replacement at once, so that it cannot fall behind while its JIT compiles
 * the very path the callers use.
 *
 * <p>A plugin that keeps state across calls sees calls go to both processes during the shift (at most
 * {@link #LIMIT}), as it already does for the calls the replaced process was serving at the switch.
 */
final class GradualShift {

    /** The longest a shift lasts; then the replacement takes every call, warm or not. */
    static final Duration LIMIT = Duration.ofSeconds(3);
    /** The replacement's share of the calls at the start of the shift. */
    static final double FIRST_SHARE = 0.1;
    /** The most calls on the replacement at once during the shift; more go to the replaced process. */
    static final int MAX_IN_FLIGHT = 4;
    /** Calls on the replacement whose mean time is compared with the replaced process's over the same period. */
    static final int SAMPLE = 256;
    /** The replacement counts as warm once its mean call time is at most this times the replaced process's. */
    static final double WARM_RATIO = 1.5;
    /** How often the waiting thread looks. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * This long without any call ends the shift: nobody to protect. Longer than a scheduler hiccup of a loaded VM
     * (tens of milliseconds), which must not end a shift that callers need.
     */
    static final Duration IDLE = Duration.ofMillis(100);

    /** Why a shift ended, for the log. */
    enum Outcome {
        /** The replacement answered about as fast as the replaced process. */
        WARM,
        /** No calls came for {@link #IDLE}. */
        IDLE,
        /** {@link #LIMIT} passed. */
        LIMIT,
        /** A process went away (the caller of {@link #await} said so). */
        ENDED
    }

    private final Object replacement;
    /** Whether the replacement's process exited: read on every call, as {@link #await}'s watcher looks only now and then. */
    private final BooleanSupplier replacementGone;
    private final long began = System.nanoTime();
    private final AtomicInteger onReplacement = new AtomicInteger();
    private volatile boolean warm;

    // guarded by this: the current sample
    private int replacementCalls;
    private long replacementNanos;
    private int servingCalls;
    private long servingNanos;
    private long totalReplacementCalls;
    private long callsSinceLook;

    GradualShift(Object replacement, BooleanSupplier replacementGone) {
        this.replacement = replacement;
        this.replacementGone = replacementGone;
    }

    Object replacement() {
        return replacement;
    }

    /**
     * Whether this call goes to the replacement (then {@link #replacementCallTook} must follow). Never once the
     * replacement exited: until {@link #await} sees it (up to {@link #POLL_NANOS} later) the call would fail there while
     * the replaced process could serve it.
     */
    boolean takeReplacement() {
        if (replacementGone.getAsBoolean()) {
            return false;
        }
        double share = FIRST_SHARE + (1 - FIRST_SHARE) * (System.nanoTime() - began) / LIMIT.toNanos();
        if (ThreadLocalRandom.current().nextDouble() >= share) {
            return false;
        }
        if (onReplacement.incrementAndGet() > MAX_IN_FLIGHT) {
            onReplacement.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A call that {@link #takeReplacement} sent to the replacement ended after this long. */
    void replacementCallTook(long nanos) {
        synchronized (this) {
            replacementCalls++;
            replacementNanos += nanos;
            totalReplacementCalls++;
            callsSinceLook++;
            if (replacementCalls >= SAMPLE) {
                // no call on the replaced process in the sample: the replacement kept up with all of them
                if (servingCalls == 0
                        || replacementNanos / (double) replacementCalls <= WARM_RATIO * servingNanos / servingCalls) {
                    warm = true; // stays: a later slower sample before the next look must not undo it
                }
                replacementCalls = 0;
                replacementNanos = 0;
                servingCalls = 0;
                servingNanos = 0;
            }
        }
        onReplacement.decrementAndGet();
    }

    /** A call the replaced process served ended after this long. */
    synchronized void servingCallTook(long nanos) {
        servingCalls++;
        servingNanos += nanos;
        callsSinceLook++;
    }

    synchronized long replacementCallsSoFar() {
        return totalReplacementCalls;
    }

    /**
     * Waits until the replacement is warm, no call came for {@link #IDLE}, {@code ended} says a process went away,
     * or {@link #LIMIT} passed.
     */
    Outcome await(BooleanSupplier ended) throws InterruptedException {
        long deadline = began + LIMIT.toNanos();
        long lastCalled = System.nanoTime();
        while (true) {
            TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
            if (ended.getAsBoolean()) {
                return Outcome.ENDED;
            }
            if (warm) {
                return Outcome.WARM;
            }
            long now = System.nanoTime();
            synchronized (this) {
                if (callsSinceLook > 0) {
                    lastCalled = now;
                }
                callsSinceLook = 0;
            }
            if (now - lastCalled >= IDLE.toNanos()) {
                return Outcome.IDLE;
            }
            if (System.nanoTime() - deadline >= 0) {
                return Outcome.LIMIT;
            }
        }
    }
}
