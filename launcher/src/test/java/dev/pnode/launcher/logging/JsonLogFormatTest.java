package dev.pnode.launcher.logging;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.Test;

public class JsonLogFormatTest {

    @Test
    public void oneJsonObjectPerLineWithGethsKeys() {
        LogRecord record = new LogRecord(Level.WARNING, "plugin {0} said \"hi\"\nthen left");
        record.setParameters(new Object[] {"helloworld"});
        record.setLoggerName("dev.pnode.test");
        record.setInstant(Instant.parse("2026-11-25T12:00:00.123Z"));

        String line = new JsonLogFormat().format(record);

        assertTrue("a single line", line.endsWith(System.lineSeparator()) && line.strip().indexOf('\n') < 0);
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertEquals("2026-11-25T12:00:00.123Z", json.get("t").getAsString());
        assertEquals("warn", json.get("lvl").getAsString());
        assertEquals("dev.pnode.test", json.get("logger").getAsString());
        assertEquals("plugin helloworld said \"hi\"\nthen left", json.get("msg").getAsString());
    }

    @Test
    public void anExceptionIsItsStackTraceUnderError() {
        LogRecord record = new LogRecord(Level.SEVERE, "boom");
        record.setLoggerName("dev.pnode.test");
        record.setThrown(new IllegalStateException("cause"));

        JsonObject json = JsonParser.parseString(new JsonLogFormat().format(record)).getAsJsonObject();

        assertEquals("error", json.get("lvl").getAsString());
        assertTrue(json.get("error").getAsString().startsWith("java.lang.IllegalStateException: cause"));
    }

    @Test
    public void formatsAreNamedAsInFlags() {
        assertEquals(LogOutputFormat.JSON, LogOutputFormat.named("json").orElseThrow());
        assertEquals("text", LogOutputFormat.TEXT.settingName());
        assertTrue(LogOutputFormat.named("JSON").isEmpty());
    }
}
