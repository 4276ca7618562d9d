package dev.pnode.host.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class BooleanPropertyTest {

    @Test
    public void unsetOrBlankTakesTheDefault() {
        assertTrue(BooleanProperty.parse(null, true));
        assertFalse(BooleanProperty.parse(null, false));
        assertTrue(BooleanProperty.parse("", true));
        assertFalse(BooleanProperty.parse("  ", false));
    }

    @Test
    public void trueAndFalseWithBlanksAround() {
        assertTrue(BooleanProperty.parse("true", false));
        assertFalse(BooleanProperty.parse("false", true));
        assertTrue(BooleanProperty.parse(" true\n", false));
        assertFalse(BooleanProperty.parse("\tfalse ", true));
    }

    @Test
    public void anythingElseIsRefusedQuotingTheValue() {
        for (String bad : new String[] {"yes", "TRUE", "1", "on", "false!", "t rue"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class,
                    () -> BooleanProperty.parse(bad, true));
            assertEquals("must be true or false, was '" + bad + "'", e.getMessage());
        }
        assertEquals("must be true or false, was 'yes'", assertThrows(IllegalArgumentException.class,
                () -> BooleanProperty.parse("  yes ", false)).getMessage());
    }
}
