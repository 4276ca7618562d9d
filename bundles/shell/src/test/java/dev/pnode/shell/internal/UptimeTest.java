package dev.pnode.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import org.junit.Test;

public class UptimeTest {

    @Test
    public void showsTheTwoLargestUnits() {
        assertEquals("0s", Uptime.format(Duration.ZERO));
        assertEquals("59s", Uptime.format(Duration.ofSeconds(59)));
        assertEquals("1m 0s", Uptime.format(Duration.ofSeconds(60)));
        assertEquals("5m 7s", Uptime.format(Duration.ofMinutes(5).plusSeconds(7)));
        assertEquals("1h 0m", Uptime.format(Duration.ofHours(1)));
        assertEquals("3h 59m", Uptime.format(Duration.ofHours(3).plusMinutes(59).plusSeconds(59)));
        assertEquals("1d 0h", Uptime.format(Duration.ofDays(1).plusMinutes(30)));
        assertEquals("400d 23h", Uptime.format(Duration.ofDays(400).plusHours(23)));
    }

    @Test
    public void dropsFractionsOfASecond() {
        assertEquals("1s", Uptime.format(Duration.ofMillis(1999)));
    }

    @Test
    public void showsAClockThatWentBackwardsAsZero() {
        assertEquals("0s", Uptime.format(Duration.ofSeconds(-5)));
    }
}
