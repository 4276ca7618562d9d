package dev.pnode.logging.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.logging.Level;
import org.junit.Test;
import org.osgi.service.log.LogLevel;

public class NodeLogLevelTest {

    @Test
    public void levelNamesAreCaseInsensitive() {
        assertEquals(NodeLogLevel.DEBUG, NodeLogLevel.parse("debug"));
        assertEquals(Level.FINE, NodeLogLevel.parse("Debug").julLevel());
        assertEquals(LogLevel.DEBUG, NodeLogLevel.parse("DEBUG").osgiLevel());
    }

    @Test
    public void anUnknownLevelIsAnErrorListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeLogLevel.parse("loud"));
        assertTrue(e.getMessage(), e.getMessage().contains("'loud'"));
        assertTrue(e.getMessage(), e.getMessage().contains("OFF, ERROR, WARN, INFO, DEBUG, TRACE"));
    }

    @Test
    public void auditEntriesAreWrittenEvenWhenOnlyErrorsAre() {
        assertEquals(Level.SEVERE, NodeLogLevel.julLevelOf(LogLevel.AUDIT));
        assertEquals(Level.FINEST, NodeLogLevel.julLevelOf(LogLevel.TRACE));
    }
}
