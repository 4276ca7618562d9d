package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.Test;

public class PluginOutputTest {

    /** Records what would reach the node log. */
    private static final class RecordingLogger implements Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "pnode.plugin.test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(level + " " + message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + java.text.MessageFormat.format(format, params));
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            lines.add(level + " " + supplier.get());
        }
    }

    private final RecordingLogger log = new RecordingLogger();
    private final AtomicLong nanos = new AtomicLong();
    private final PluginOutput output = new PluginOutput("test", log, 5, nanos::get);

    @Test
    public void logsEachLineWithItsLevelAndThePluginLabel() {
        output.accept("{\"@level\":\"warn\",\"@message\":\"careful\"}", 0);
        output.accept("hello", 0);
        assertEquals(List.of("WARNING [test] careful", "INFO [test] hello"), log.lines);
    }

    @Test
    public void keepsOnlyTheLatestLines() {
        for (int i = 1; i <= 8; i++) {
            output.accept("line " + i, 0);
        }
        assertEquals(List.of("line 4", "line 5", "line 6", "line 7", "line 8"), output.recent(100));
        assertEquals(List.of("line 7", "line 8"), output.recent(2));
        assertEquals(List.of(), output.recent(0));
        assertEquals(List.of(), output.recent(-1));
    }

    @Test
    public void truncatesLongLinesAndSaysHowMuchWasDropped() {
        output.accept("x".repeat(PluginOutput.MAX_LINE_CHARS + 10), 0);
        String kept = output.recent(1).get(0);
        assertTrue(kept.startsWith("x".repeat(PluginOutput.MAX_LINE_CHARS) + " ...[10 more characters dropped]"));
    }

    @Test
    public void reportsBytesTheSplitterAlreadyDropped() {
        output.accept("start of a long line", 500);
        assertEquals("start of a long line ...[500 more characters dropped]", output.recent(1).get(0));
    }

    @Test
    public void stopsLoggingAFloodButKeepsItsLatestLinesAndCountsWhatWasNotLogged() {
        int flood = PluginOutput.LOG_BURST + 300;
        for (int i = 0; i < flood; i++) {
            output.accept("flood " + i, 0);
        }
        assertEquals(PluginOutput.LOG_BURST, log.lines.size());
        assertEquals(300, output.droppedFromLog());
        assertEquals("flood " + (flood - 1), output.recent(1).get(0));
    }

    @Test
    public void logsAgainAfterAQuietMomentAndSaysHowManyLinesWereNotLogged() {
        for (int i = 0; i < PluginOutput.LOG_BURST + 42; i++) {
            output.accept("flood", 0);
        }
        log.lines.clear();
        nanos.addAndGet(1_000_000_000L);
        output.accept("after the flood", 0);
        assertEquals(List.of("WARNING plugin test wrote 42 lines faster than 50 lines/s that were not logged "
                + "(the latest are in its recent output)", "INFO [test] after the flood"), log.lines);
        assertEquals(0, output.droppedFromLog());
    }

    @Test
    public void refillsAtTheSustainedRate() {
        for (int i = 0; i < PluginOutput.LOG_BURST; i++) {
            output.accept("burst", 0);
        }
        log.lines.clear();
        nanos.addAndGet(100_000_000L); // 0.1 s at 50 lines/s = 5 lines
        for (int i = 0; i < 10; i++) {
            output.accept("more", 0);
        }
        assertEquals(5, log.lines.size());
    }
}
