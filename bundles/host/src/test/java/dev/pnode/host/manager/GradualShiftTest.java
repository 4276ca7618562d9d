package dev.pnode.host.manager;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;

public class GradualShiftTest {

    private static final int CALLS = 1_000;

    @Test
    public void aReplacementThatExitedTakesNoMoreCallsBeforeTheWatcherSeesIt() {
        AtomicBoolean exited = new AtomicBoolean();
        GradualShift shift = new GradualShift(new Object(), exited::get);
        assertTrue("a live replacement takes some calls from the start", takesAnyOf(shift, CALLS));

        exited.set(true);

        assertFalse("every call goes to the serving process once the replacement exited", takesAnyOf(shift, CALLS));
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
