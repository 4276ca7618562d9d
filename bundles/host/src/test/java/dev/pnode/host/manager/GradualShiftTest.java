package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
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
        int held = 0;
        while (held < GradualShift.MAX_IN_FLIGHT) { // calls that have not answered yet
            if (shift.takeReplacement()) {
                held++;
            }
        }
        for (int i = 0; i < 20 * GradualShift.SAMPLE; i++) { // most drawn for it are turned away
            if (shift.takeReplacement()) {
                shift.replacementCallTook(FAST);
            } else {
                shift.servingCallTook(FAST);
            }
        }
        for (int i = 0; i < held; i++) {
            shift.replacementCallTook(FAST);
        }
        sample(shift, FAST, FAST); // ends the sample in which they were turned away

        assertEquals(GradualShift.FIRST_SHARE, shift.share(), 0);
    }

    /** One sample: calls, each ended at once, until {@link GradualShift#SAMPLE} went to the replacement. */
    private static void sample(GradualShift shift, long replacementNanos, long servingNanos) {
        for (int onReplacement = 0; onReplacement < GradualShift.SAMPLE; ) {
            if (shift.takeReplacement()) {
                shift.replacementCallTook(replacementNanos);
                onReplacement++;
            } else {
                shift.servingCallTook(servingNanos);
            }
        }
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
