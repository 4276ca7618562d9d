package dev.pnode.host.manager;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A reload's replacement takes a growing share of the calls while the replaced process still serves the rest, until
 * it has served all of them about as fast as the replaced one. Why: a freshly started plugin JVM still interprets its
 * gRPC, TLS and protobuf code, so switched over at once it serves a few times slower than the warm process, callers
 * sending at a steady rate fall behind, and their backlog took seconds to drain (BENCHMARKS.md, "session 7": every
 * call for 1-4 s after the switch was late by up to 1.7 s, the calls themselves taking under 10 ms).
 *
 * <p>The share follows the replacement's own call times: it starts at {@link #FIRST_SHARE}, and after every
 * {@link #SAMPLE} calls on the replacement it grows by {@link #GROWTH} if the replacement kept up (its mean call time
 * at most {@link #WARM_RATIO} times the replaced process's, and few calls turned away because {@link #MAX_IN_FLIGHT}
 * were already on it while it held more than its share of the calls in flight) and halves if it did not. A
 * replacement that kept up in its very first sample needs no warm-up (a Go plugin; a cold plugin JVM's first calls are
 * several times slower) and gets every call at once, within the same cap and halving rule: growing its share over six
 * more samples only kept two processes serving for seconds, with more slow calls (BENCHMARKS.md, "Reload of a Go
 * plugin, session 11"). Only that first judgement forgives a few slow calls
 * ({@link #SLOWEST_FORGIVEN}), and only when the sample's median call keeps up with the replaced process's mean: a Go
 * replacement's first calls on its new channel are a few cold ones, while a still-cold plugin JVM is slower across its
 * samples, and a rule forgiving them in every sample (and calls turned away at a share of all calls) let it pass
 * samples it failed before, with more slow calls for the callers (BENCHMARKS.md, "Quiet runs of the session-13 merged
 * build"). The replacement is warm once it kept up through a whole
 * sample at a share of all calls; a limit ({@link #LIMIT} for a reload) bounds the shift whatever the replacement does.
 * Each call is drawn at random (a caller that is behind its schedule and calls back to back must not keep getting the
 * slow process: with "the replacement takes a call whenever it has none" one late caller did, and its lateness grew for
 * the whole shift), and at most {@link #MAX_IN_FLIGHT} calls are on the replacement at once, so that it cannot fall
 * behind while its JIT compiles the very path the callers use. (A share growing with the clock instead, 10 % to all
 * over 3 s, declared the replacement warm from a sample taken at a small share, and it could not keep the full rate
 * after the switch: BENCHMARKS.md, "session 9".)
 *
 * <p>A plugin that keeps state across calls sees calls go to both processes during the shift (at most
 * the limit), as it already does for the calls the replaced process was serving at the switch.
 */
final class GradualShift {

    /**
     * The longest a reload's shift lasts; then the replacement takes every call, warm or not. A cold plugin JVM took
     * about 10 s of a 10 % share to come within reach of the replaced process's call time on the loaded test machine
     * (BENCHMARKS.md, "session 9"); the old process serves meanwhile, nobody waits for the reload but its caller.
     */
    static final Duration LIMIT = Duration.ofSeconds(10);
    /** The replacement's share of the calls at the start of the shift, and the least it falls back to. */
    static final double FIRST_SHARE = 0.1;
    /** How much the share grows after a sample in which the replacement kept up. */
    static final double GROWTH = 1.5;
    /** The most calls on the replacement at once during the shift; more go to the replaced process. */
    static final int MAX_IN_FLIGHT = 4;
    /** Calls on the replacement per sample, after which the share is set anew. */
    static final int SAMPLE = 256;
    /** The replacement keeps up while its mean call time is at most this times the replaced process's. */
    static final double WARM_RATIO = 1.5;
    /**
     * The slowest calls of the replacement's first sample that its judgement may leave out of the mean. A Go
     * replacement's first 1-8 calls on its new channel took 3-16 ms against the replaced process's 0.5-1 ms, and a
     * loaded machine's scheduler stall holds the few calls in flight for 10-30 ms: a handful of such calls took the
     * 256-call mean over {@link #WARM_RATIO} while the median matched the replaced process, and the shift ran 3-8 s
     * instead of ~1 s (BENCHMARKS.md, "Reload of a Go plugin, session 13").
     */
    static final int SLOWEST_FORGIVEN = SAMPLE / 20;
    /**
     * The replacement keeps up only while at most this share of the calls drawn for it went to the replaced process
     * because {@link #MAX_IN_FLIGHT} were on it while it held more than its share of the calls in flight (see
     * {@link #takeReplacement}): more means its calls queue.
     */
    static final double MAX_TURNED_AWAY = 0.25;
    /** The fewest calls on the replaced process in a sample for its mean to be the new yardstick. */
    static final int MIN_SERVING_CALLS = 16;
    /** How often the waiting thread looks. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * This long without any call ends the shift: nobody to protect. Longer than a scheduler hiccup of a loaded VM
     * (tens of milliseconds), which must not end a shift that callers need.
     */
    static final Duration IDLE = Duration.ofMillis(100);

    /** Why a shift ended, for the log. */
    enum Outcome {
        /** The replacement served all calls about as fast as the replaced process. */
        WARM,
        /** No calls came for {@link #IDLE}. */
        IDLE,
        /** The shift's limit passed. */
        LIMIT,
        /** A process went away (the caller of {@link #await} said so). */
        ENDED
    }

    private final Object replacement;
    /** Whether the replacement's process exited: read on every call, as {@link #await}'s watcher looks only now and then. */
    private final BooleanSupplier replacementGone;
    private final Duration limit;
    private final long began = System.nanoTime();
    private final AtomicInteger onReplacement = new AtomicInteger();
    private final AtomicInteger onServing = new AtomicInteger();
    private volatile double share = FIRST_SHARE;
    private volatile boolean warm;

    // guarded by this: the current sample
    private final long[] replacementNanos = new long[SAMPLE];
    private int replacementCalls;
    private int turnedAway;
    private int servingCalls;
    private long servingNanos;
    /** The replaced process's mean call time in the latest sample with enough of its calls; 0: none yet. */
    private double servingMeanNanos;
    private long totalReplacementCalls;
    private long callsSinceLook;

    /**
     * @param limit the longest the shift may last ({@link #LIMIT} for a reload)
     * @param replacementGone whether the replacement's process exited (asked on every call, so it must be cheap)
     */
    GradualShift(Object replacement, Duration limit, BooleanSupplier replacementGone) {
        this.replacement = replacement;
        this.limit = limit;
        this.replacementGone = replacementGone;
    }

    Object replacement() {
        return replacement;
    }

    /** The replacement's share of the calls now. */
    double share() {
        return share;
    }

    /**
     * Whether this call goes to the replacement (then {@link #replacementCallTook} must follow, else
     * {@link #servingCallTook}). Never once the replacement exited: until {@link #await} sees it (up to
     * {@link #POLL_NANOS} later) the call would fail there while the replaced process could serve it.
     *
     * <p>A call drawn for the replacement while {@link #MAX_IN_FLIGHT} are on it goes to the replaced process, and it
     * counts against the replacement only while the replacement holds at least one call more than its share of all
     * calls in flight (this one included): then its calls stay longer than the replaced process's, i.e. they queue.
     * At a high share the callers' own concurrency fills the cap of a replacement as fast as the replaced process (8
     * callers behind their schedule after a stall have up to 8 calls out): counting those failed a quarter of a Go
     * replacement's samples on them alone, each failure halved its share, and both processes served for 0.5-10 s
     * where they took 0.4-1.6 s without counting those (BENCHMARKS.md, "Reload of a Go plugin, 2026-12-07, session
     * 15"; found in "Reload, 2026-12-07, session 14", section 3). The one call of slack is for the random draw.
     */
    boolean takeReplacement() {
        if (replacementGone.getAsBoolean() || ThreadLocalRandom.current().nextDouble() >= share) {
            onServing.incrementAndGet();
            return false;
        }
        int held = onReplacement.incrementAndGet() - 1;
        if (held >= MAX_IN_FLIGHT) {
            onReplacement.decrementAndGet();
            int serving = onServing.getAndIncrement();
            if (held >= share * (held + serving + 1) + 1) {
                synchronized (this) {
                    turnedAway++;
                }
            }
            return false;
        }
        return true;
    }

    /** A call that {@link #takeReplacement} sent to the replacement ended after this long. */
    void replacementCallTook(long nanos) {
        synchronized (this) {
            replacementNanos[replacementCalls++] = nanos;
            totalReplacementCalls++;
            callsSinceLook++;
            if (replacementCalls >= SAMPLE) {
                endSample();
            }
        }
        onReplacement.decrementAndGet();
    }

    /** Sets the share from the sample just completed and starts the next one. */
    private void endSample() {
        if (servingCalls >= MIN_SERVING_CALLS) {
            servingMeanNanos = servingNanos / (double) servingCalls;
        }
        boolean firstSample = totalReplacementCalls == replacementCalls;
        boolean keptUp = turnedAway <= MAX_TURNED_AWAY * replacementCalls && keptPace(firstSample);
        if (keptUp && share >= 1) {
            warm = true; // stays: a later slower sample before the next look must not undo it
        } else if (keptUp && firstSample) {
            // kept up from its first calls: it needs no warm-up (a Go plugin), so growing the share over seconds only
            // keeps two processes serving; a whole sample at every call must still confirm it
            share = 1;
        } else if (keptUp) {
            share = Math.min(1, share * GROWTH);
        } else {
            share = Math.max(FIRST_SHARE, share / 2);
        }
        replacementCalls = 0;
        turnedAway = 0;
        servingCalls = 0;
        servingNanos = 0;
    }

    /**
     * Whether the sample's calls on the replacement took at most {@link #WARM_RATIO} times the replaced process's mean:
     * all of them, or, in the first sample, all but the {@link #SLOWEST_FORGIVEN} slowest when its median call is no
     * slower than that mean (a plugin JVM's first-sample median was 1.25-3.9x that mean where the rule refused it, the
     * Go samples it forgave 0.5-0.9x: BENCHMARKS.md, "Reload, 2026-12-07, session 14"; under heavy load the replaced
     * process's own stalls raise its mean and the two are harder to tell apart, also reported there).
     */
    private boolean keptPace(boolean firstSample) {
        if (servingMeanNanos == 0) {
            return true;
        }
        double allowed = WARM_RATIO * servingMeanNanos;
        int counted = replacementCalls - SLOWEST_FORGIVEN;
        Arrays.sort(replacementNanos, 0, replacementCalls); // the sample ends here: its order is not needed
        long fastest = 0;
        long slowest = 0;
        for (int i = 0; i < replacementCalls; i++) {
            if (i < counted) {
                fastest += replacementNanos[i];
            } else {
                slowest += replacementNanos[i];
            }
        }
        if (fastest + slowest <= allowed * replacementCalls) {
            return true;
        }
        return firstSample && replacementNanos[replacementCalls / 2] <= servingMeanNanos
                && fastest <= allowed * counted;
    }

    /** A call the replaced process served ended after this long. */
    void servingCallTook(long nanos) {
        synchronized (this) {
            servingCalls++;
            servingNanos += nanos;
            callsSinceLook++;
        }
        onServing.decrementAndGet();
    }

    synchronized long replacementCallsSoFar() {
        return totalReplacementCalls;
    }

    /**
     * Waits until the replacement is warm, no call came for {@link #IDLE}, {@code ended} says a process went away,
     * or the shift's limit passed.
     */
    Outcome await(BooleanSupplier ended) throws InterruptedException {
        long deadline = began + limit.toNanos();
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
