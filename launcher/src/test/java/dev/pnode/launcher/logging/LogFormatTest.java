package dev.pnode.launcher.logging;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LogFormatTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void oneLineWithUtcTimeLevelLoggerAndMessage() {
        LogRecord record = record(Level.INFO, "started {0} bundles", 3);

        assertEquals("2026-11-25T12:00:00.123Z INFO  [dev.pnode.test] started 3 bundles" + System.lineSeparator(),
                new LogFormat().format(record));
    }

    @Test
    public void levelsUseTheNamesOperatorsKnow() {
        assertEquals("ERROR", LogFormat.levelName(Level.SEVERE));
        assertEquals("WARN", LogFormat.levelName(Level.WARNING));
        assertEquals("INFO", LogFormat.levelName(Level.INFO));
        assertEquals("DEBUG", LogFormat.levelName(Level.FINE));
        assertEquals("DEBUG", LogFormat.levelName(Level.CONFIG));
        assertEquals("TRACE", LogFormat.levelName(Level.FINEST));
    }

    @Test
    public void anExceptionFollowsWithItsStackTrace() {
        LogRecord record = record(Level.SEVERE, "boom");
        record.setThrown(new IllegalStateException("cause"));

        String text = new LogFormat().format(record);

        assertTrue(text, text.startsWith("2026-11-25T12:00:00.123Z ERROR [dev.pnode.test] boom"));
        assertTrue(text, text.contains("java.lang.IllegalStateException: cause"));
        assertTrue(text, text.contains("at dev.pnode.launcher.logging.LogFormatTest"));
    }

    @Test
    public void verbosityMapsToLevels() {
        assertEquals(Level.OFF, Verbosity.level(0));
        assertEquals(Level.SEVERE, Verbosity.level(1));
        assertEquals(Level.INFO, Verbosity.level(3));
        assertEquals(Level.FINEST, Verbosity.level(5));
        assertEquals(3, Verbosity.felixLevel(4));
        assertEquals(4, Verbosity.felixLevel(5));
        assertEquals(0, Verbosity.felixLevel(0));
    }

    @Test
    public void theLogFileRollsOverKeepingTheNewestFiles() throws Exception {
        Path file = temp.getRoot().toPath().resolve("pnode.log");
        RotatingFileHandler handler = new RotatingFileHandler(file, 100, 2);
        handler.setFormatter(new LogFormat());
        try {
            for (int i = 0; i < 10; i++) {
                handler.publish(record(Level.INFO, "message number " + i));
            }
        } finally {
            handler.close();
        }

        // about 70 bytes a line: every second line rolls the file over
        assertTrue(Files.exists(file));
        String newest = Files.readString(file.resolveSibling("pnode.log.1"));
        assertTrue(newest, newest.contains("message number 8") && newest.contains("message number 9"));
        String older = Files.readString(file.resolveSibling("pnode.log.2"));
        assertTrue(older, older.contains("message number 6") && older.contains("message number 7"));
        assertFalse(Files.exists(file.resolveSibling("pnode.log.3")));
    }

    @Test
    public void theLogFileIsAppendedToAcrossStarts() throws Exception {
        Path file = temp.getRoot().toPath().resolve("pnode.log");
        for (String message : new String[] {"first run", "second run"}) {
            RotatingFileHandler handler = new RotatingFileHandler(file, 1_000_000, 2);
            handler.setFormatter(new LogFormat());
            handler.publish(record(Level.INFO, message));
            handler.close();
        }

        String text = Files.readString(file);
        assertTrue(text, text.contains("first run") && text.contains("second run"));
    }

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setInstant(Instant.parse("2026-11-25T12:00:00.123Z"));
        record.setLoggerName("dev.pnode.test");
        record.setParameters(parameters);
        return record;
    }
}
