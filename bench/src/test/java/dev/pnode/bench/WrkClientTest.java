package dev.pnode.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class WrkClientTest {

    private static final String CLEAN = "wrk.first_answer=Hello world!\nwrk.failed=0\n"
            + "wrk.errors=connect 0, read 0, write 0, status 0, timeout 0\nwrk.window_us=250000\n"
            + "wrk.client_cpu_us=4000\nwrk.client_switches=300\n";

    /** wrk 4.1.0's stats_correct (src/stats.c) on a histogram: what the script's done() sees. */
    private static Map<Long, Long> correctedAsWrkDoes(Map<Long, Long> histogram, long expected) {
        Map<Long, Long> data = new TreeMap<>(histogram);
        long max = data.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        for (long n = expected * 2; n <= max; n++) {
            long count = data.getOrDefault(n, 0L);
            for (long m = n - expected; count > 0 && m > expected; m -= expected) {
                data.merge(m, count, Long::sum);
            }
        }
        return data;
    }

    @Test
    public void undoesWrksCoordinatedOmissionCorrection() {
        Map<Long, Long> measured = new TreeMap<>(Map.of(38L, 5L, 40L, 900L, 41L, 40L, 55L, 3L, 101L, 2L, 160L, 1L,
                2_345L, 1L));
        Map<Long, Long> corrected = correctedAsWrkDoes(measured, 50);
        assertTrue("the correction adds calls", corrected.values().stream().mapToLong(Long::longValue).sum() > 952);

        assertEquals(measured, WrkClient.WrkRun.uncorrected(corrected, 50));
    }

    @Test
    public void readsTheMeasuredCallsFromWhatWrkPrints() {
        Map<Long, Long> measured = new TreeMap<>(Map.of(40L, 1000L, 90L, 10L, 3_000L, 1L));
        // 1011 calls on 2 connections in 255 000 µs: wrk expects one every 504 µs
        Map<Long, Long> corrected = correctedAsWrkDoes(measured, 255_000 / (1011 / 2));
        StringBuilder histogram = new StringBuilder();
        corrected.forEach((micros, calls) -> histogram.append(histogram.isEmpty() ? "" : ",").append(micros)
                .append(' ').append(calls));

        WrkClient.WrkRun run = WrkClient.WrkRun.parse(CLEAN + "wrk.calls=1011\nwrk.checked=1011\n"
                + "wrk.runtime_us=255000\nwrk.histogram=" + histogram + "\n", 2);

        assertEquals(measured, run.histogram());
        assertEquals(1011, run.latencies().count());
        assertEquals(40.0, run.latencies().percentileMicros(50), 0);
        assertEquals(90.0, run.latencies().percentileMicros(99.5), 0);
        assertEquals(250_000_000L, run.windowNanos());
        assertEquals("Hello world!", run.firstAnswer());
    }

    @Test
    public void failsTheRoundOnAnAnswerWithoutTheGreeting() {
        assertRefused(CLEAN.replace("wrk.failed=0", "wrk.failed=1")
                + "wrk.first_failure=200 {\"error\":\"no plugin\"}\nwrk.calls=3\nwrk.checked=3\nwrk.runtime_us=1000\n"
                + "wrk.histogram=40 3\n",
                "1 of 3 answers were not 200 with the greeting; the first: 200 {\"error\":\"no plugin\"}");
    }

    @Test
    public void failsTheRoundOnSocketErrors() {
        assertRefused(CLEAN.replace("read 0", "read 2") + "wrk.calls=3\nwrk.checked=3\nwrk.runtime_us=1000\n"
                + "wrk.histogram=40 3\n", "read 2");
    }

    @Test
    public void failsWhenWrkPrintedNoResults() {
        assertRefused("wrk-greeting.lua: syntax error\nRunning 1m test @ http://127.0.0.1:1/\n",
                "wrk printed no results");
    }

    @Test
    public void saysHowToInstallWrkWhenItIsMissing() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> WrkClient.installed("/nonexistent:"));
        assertTrue(failure.getMessage(), failure.getMessage().endsWith("apt-get install wrk"));
    }

    private static void assertRefused(String wrkOutput, String because) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> WrkClient.WrkRun.parse(wrkOutput, 1));
        assertTrue(failure.getMessage(), failure.getMessage().contains(because));
    }
}
