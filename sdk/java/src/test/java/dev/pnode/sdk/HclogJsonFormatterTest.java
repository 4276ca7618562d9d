package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.Test;

public class HclogJsonFormatterTest {

    private static String format(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("dev.pnode.Example");
        record.setInstant(Instant.parse("2026-11-25T12:34:56.789012Z"));
        record.setThrown(thrown);
        return new HclogJsonFormatter().format(record);
    }

    @Test
    public void writesOneHclogJsonLine() {
        assertEquals("{\"@level\":\"info\",\"@message\":\"started\",\"@module\":\"dev.pnode.Example\","
                + "\"@timestamp\":\"2026-11-25T12:34:56.789012Z\"}\n", format(Level.INFO, "started", null));
    }

    @Test
    public void escapesWhatJsonCannotCarryLiterally() {
        String line = format(Level.INFO, "say \"hi\"\\\n\tthen\u0001stop", null);
        assertEquals("{\"@level\":\"info\",\"@message\":\"say \\\"hi\\\"\\\\\\n\\tthen\\u0001stop\","
                + "\"@module\":\"dev.pnode.Example\",\"@timestamp\":\"2026-11-25T12:34:56.789012Z\"}\n", line);
    }

    @Test
    public void addsTheThrowableAsError() {
        String line = format(Level.SEVERE, "failed", new IOException("disk full"));
        assertEquals("{\"@level\":\"error\",\"@message\":\"failed\",\"@module\":\"dev.pnode.Example\","
                + "\"@timestamp\":\"2026-11-25T12:34:56.789012Z\",\"error\":\"java.io.IOException: disk full\"}\n",
                line);
    }

    @Test
    public void mapsJavaLevelsToHclogLevels() {
        assertEquals("error", HclogJsonFormatter.level(Level.SEVERE));
        assertEquals("warn", HclogJsonFormatter.level(Level.WARNING));
        assertEquals("info", HclogJsonFormatter.level(Level.INFO));
        assertEquals("debug", HclogJsonFormatter.level(Level.CONFIG));
        assertEquals("debug", HclogJsonFormatter.level(Level.FINE));
        assertEquals("trace", HclogJsonFormatter.level(Level.FINER));
        assertEquals("trace", HclogJsonFormatter.level(Level.FINEST));
    }

    @Test
    public void readsHclogAndJavaLevelNames() {
        assertEquals(Level.FINEST, HclogLogging.parseLevel("trace"));
        assertEquals(Level.FINE, HclogLogging.parseLevel("DEBUG"));
        assertEquals(Level.WARNING, HclogLogging.parseLevel("warn"));
        assertEquals(Level.SEVERE, HclogLogging.parseLevel("error"));
        assertEquals(Level.FINER, HclogLogging.parseLevel("finer"));
        assertEquals(Level.INFO, HclogLogging.parseLevel(null));
        assertEquals(Level.INFO, HclogLogging.parseLevel("loud"));
    }
}
