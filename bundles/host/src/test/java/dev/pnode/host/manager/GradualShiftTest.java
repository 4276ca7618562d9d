package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;

public class GradualShiftTest {

    private static final int CALLS = 1_000;
    /** A warm process's call time. */
    private static final long FAST = 100_000;
    /** Slower than {@link GradualShift#WARM_RATIO} times {@link #FAST}: a cold process's. */
    private static final long SLOW = 10 * FAST;

    private static GradualShift shift(AtomicBoolean exited) {
        return new GradualShift(new Object(), GradualShift.LIMIT, exited::get);
    }

    @Test
    public void aReplacementThatExitedTakesNoMoreCallsBeforeTheWatcherSeesIt() {
        AtomicBoolean exited = new AtomicBoolean();
        GradualShift shift = shift(exited);
        assertTrue("a live replacement takes some calls from the start", takesAnyOf(shift, CALLS));

        exited.set(true);

        assertFalse("every call goes to the serving process once the replacement exited", takesAnyOf(shift, CALLS));
    }

    @Test
    public void theShareGrowsWhileTheReplacementKeepsUpAndHalvesWhenItFallsBehind() {
        GradualShift shift = shift(new AtomicBoolean());
        assertEquals(GradualShift.FIRST_SHARE, shift.share(), 0);
        sample(shift, SLOW, FAST); // a cold start, as a plugin JVM's
        assertEquals(GradualShift.FIRST_SHARE, shift.share(), 0);

        sample(shift, FAST, FAST);
        sample(shift, FAST, FAST);
        double grown = GradualShift.FIRST_SHARE * GradualShift.GROWTH * GradualShift.GROWTH;
        assertEquals("kept up twice", grown, shift.share(), 1e-9);

        sample(shift, SLOW, FAST);
        assertEquals("fell behind", grown / 2, shift.share(), 1e-9);

        sample(shift, SLOW, FAST);
        sample(shift, SLOW, FAST);
        assertEquals("never below the first share", GradualShift.FIRST_SHARE, shift.share(), 0);
    }

    @Test
    public void aReplacementAsFastAsTheOldOneIsWarmOnlyOnceItKeptUpWithEveryCall() throws Exception {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, SLOW, FAST);
        sample(shift, FAST, FAST);
        assertEquals("as fast at a small share is not warm yet", GradualShift.Outcome.IDLE,
                shift.await(() -> false));

        while (shift.share() < 1) {
            sample(shift, FAST, FAST);
        }
        assertEquals("not warm before a whole sample at every call", GradualShift.Outcome.IDLE,
                shift.await(() -> false));
        sample(shift, FAST, FAST);
        assertEquals(GradualShift.Outcome.WARM, shift.await(() -> false));
    }

    @Test
    public void aReplacementThatKeepsUpFromItsFirstCallsTakesEveryCallAtOnceAndIsWarmAfterOneWholeSample()
            throws Exception {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, FAST, FAST);
        assertEquals("no warm-up needed: every call", 1, shift.share(), 0);
        assertEquals("not warm before a whole sample at every call", GradualShift.Outcome.IDLE,
                shift.await(() -> false));

        sample(shift, FAST, FAST);
        assertEquals(GradualShift.Outcome.WARM, shift.await(() -> false));
    }

    @Test
    public void aReplacementJudgedFastFromItsFirstCallsHandsCallsBackWhenItFallsBehindAtEveryCall() {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, FAST, FAST);

        sample(shift, SLOW, FAST);

        assertEquals(0.5, shift.share(), 1e-9);
    }

    @Test
    public void aReplacementWhoseCallsQueueGainsNoShareHoweverFastEachCall() {
        GradualShift shift = shift(new AtomicBoolean());

        callsWhileHeld(shift, 0, 20 * GradualShift.SAMPLE); // most drawn for it are turned away
        sample(shift, FAST, FAST); // ends the sample in which they were turned away

        assertEquals(GradualShift.FIRST_SHARE, shift.share(), 0);
    }

    /**
     * 8 callers behind their schedule have up to 8 calls out: at a high share a replacement as fast as the replaced
     * process holds its 4 and more are drawn for it. Those turned away are the callers' concurrency, not its queue:
     * here 7 calls are out with the one drawn, and 4 of them on the replacement at a share just over a half is within
     * one call of its share (the draws are random).
     */
    @Test
    public void aReplacementThatKeepsUpAtAHighShareIsNotHeldBackByTheCallersOwnConcurrency() {
        assertEquals("kept up: grows", GradualShift.GROWTH, shareChangeAtAHighShareWithTheCapFull(2), 1e-9);
    }

    /** The same at the same share, but the calls out are the replacement's: they stay on it, i.e. they queue. */
    @Test
    public void aReplacementHoldingMoreThanItsShareOfTheCallsOutIsHeldBackAtAHighShare() {
        assertEquals("its calls queued: halves", 0.5, shareChangeAtAHighShareWithTheCapFull(0), 1e-9);
    }

    /** A Go replacement's confirming sample at every call: the calls over the cap go to the replaced process. */
    @Test
    public void aReplacementAtEveryCallIsWarmAfterAWholeSampleWhileTheCallersKeepMoreCallsOutThanTheCap()
            throws Exception {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, FAST, FAST);

        callsWhileHeld(shift, 0, 20 * GradualShift.SAMPLE);
        sample(shift, FAST, FAST);

        assertEquals(GradualShift.Outcome.WARM, shift.await(() -> false));
    }

    /**
     * A Go replacement's first calls on its new channel took 3-16 ms against the replaced process's 0.5-1 ms, the rest
     * of its first sample as fast: it needs no warm-up, however far those few take the sample's mean.
     */
    @Test
    public void aReplacementWhoseFirstCallsOnItsNewChannelAreColdTakesEveryCallAfterItsFirstSample() {
        GradualShift shift = shift(new AtomicBoolean());
        // alone these take the sample's mean over WARM_RATIO times the old process's
        sample(shift, calls(FAST, 25 * FAST, 8, 0, 1), FAST);

        assertEquals("kept up from its first calls: every call", 1, shift.share(), 0);
    }

    /** A scheduler stall of the loaded machine holds the calls in flight on the replacement (at most 4) for 30 ms. */
    @Test
    public void aStallInTheFirstSampleDoesNotMakeAReplacementThatKeepsUpLookCold() {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, calls(FAST, 300 * FAST, GradualShift.MAX_IN_FLIGHT, GradualShift.SAMPLE / 2, 1), FAST);

        assertEquals(1, shift.share(), 0);
    }

    /**
     * A still-cold plugin JVM is slower on most calls, with a tail of slower ones still: its slowest calls are not
     * what keeps it from keeping up, so they are not left out (with them left out this one would pass).
     */
    @Test
    public void aReplacementSlowerAtItsMedianIsJudgedOnAllItsCalls() {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, calls(13 * FAST / 10, 10 * FAST, GradualShift.SLOWEST_FORGIVEN, 0, 20), FAST);

        assertEquals(GradualShift.FIRST_SHARE, shift.share(), 0);
    }

    /**
     * Only the judgement whether a replacement needs a warm-up at all forgives slow calls: once it did not keep up, a
     * sample whose slowest calls take its mean over the line is a JVM still compiling the callers' path.
     */
    @Test
    public void afterAColdFirstSampleTheSlowestCallsCount() {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, SLOW, FAST);
        sample(shift, calls(FAST, 25 * FAST, 8, 0, 30), FAST);

        assertEquals(GradualShift.FIRST_SHARE, shift.share(), 0);
    }

    /** Fewer than {@link GradualShift#MIN_SERVING_CALLS} on the replaced process: no yardstick to fall behind. */
    @Test
    public void aFirstSampleWithoutAYardstickKeepsUp() {
        GradualShift shift = shift(new AtomicBoolean());
        for (int onReplacement = 0; onReplacement < GradualShift.SAMPLE; ) {
            if (shift.takeReplacement()) {
                shift.replacementCallTook(SLOW);
                onReplacement++;
            } // the replaced process's calls have not answered yet
        }

        assertEquals(1, shift.share(), 0);
    }

    /**
     * How the share of a replacement that needed a warm-up and then kept up until its share passed a half changes
     * (the factor) over a sample of fast calls in which its cap was full while {@code servingHeld} calls were out on
     * the replaced process.
     */
    private static double shareChangeAtAHighShareWithTheCapFull(int servingHeld) {
        GradualShift shift = shift(new AtomicBoolean());
        sample(shift, SLOW, FAST);
        while (shift.share() <= 0.5) {
            sample(shift, FAST, FAST);
        }
        double high = shift.share();
        assertTrue(high * GradualShift.GROWTH < 1);

        callsWhileHeld(shift, servingHeld, 20 * GradualShift.SAMPLE);
        sample(shift, FAST, FAST);

        return shift.share() / high;
    }

    /**
     * {@code calls} calls, each answered at once, while {@link GradualShift#MAX_IN_FLIGHT} calls on the replacement
     * and {@code servingHeld} on the replaced process have not answered; then those answer.
     */
    private static void callsWhileHeld(GradualShift shift, int servingHeld, int calls) {
        int onReplacement = 0;
        int onServing = 0;
        while (onReplacement < GradualShift.MAX_IN_FLIGHT || onServing < servingHeld) {
            if (shift.takeReplacement()) {
                onReplacement++; // never past the cap: takeReplacement turns calls away there
            } else if (onServing < servingHeld) {
                onServing++;
            } else {
                shift.servingCallTook(FAST);
            }
        }
        for (int i = 0; i < calls; i++) {
            assertFalse("the cap is full", shift.takeReplacement());
            shift.servingCallTook(FAST);
        }
        for (int i = 0; i < onReplacement; i++) {
            shift.replacementCallTook(FAST);
        }
        for (int i = 0; i < onServing; i++) {
            shift.servingCallTook(FAST);
        }
    }

    /** One sample's calls on the replacement, each this long. */
    private static long[] calls(long nanos) {
        long[] calls = new long[GradualShift.SAMPLE];
        Arrays.fill(calls, nanos);
        return calls;
    }

    /**
     * A sample's calls on the replacement, {@code nanos} each but {@code slow} of {@code slowNanos}: every
     * {@code every}th from {@code from}.
     */
    private static long[] calls(long nanos, long slowNanos, int slow, int from, int every) {
        long[] calls = calls(nanos);
        for (int i = 0; i < slow; i++) {
            calls[from + i * every] = slowNanos;
        }
        return calls;
    }

    /** One sample: the replacement's calls in this order, the replaced process's each this long between them. */
    private static void sample(GradualShift shift, long[] replacementNanos, long servingNanos) {
        for (int onReplacement = 0; onReplacement < replacementNanos.length; ) {
            if (shift.takeReplacement()) {
                shift.replacementCallTook(replacementNanos[onReplacement++]);
            } else {
                shift.servingCallTook(servingNanos);
            }
        }
    }

    /** One sample: calls, each ended at once, until {@link GradualShift#SAMPLE} went to the replacement. */
    private static void sample(GradualShift shift, long replacementNanos, long servingNanos) {
        sample(shift, calls(replacementNanos), servingNanos);
    }

    /** Whether the replacement takes any of this many calls, each ended at once. */
    private static boolean takesAnyOf(GradualShift shift, int calls) {
        boolean took = false;
        for (int i = 0; i < calls; i++) {
            if (shift.takeReplacement()) {
                took = true;
                shift.replacementCallTook(1);
            }
        }
        return took;
    }
}
