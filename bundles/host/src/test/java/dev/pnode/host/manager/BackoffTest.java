package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.Test;

public class BackoffTest {

    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    public void theFirstRestartIsImmediateThenDelaysDoubleUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 10, Duration.ofHours(1));
        assertEquals(Optional.of(Duration.ZERO), backoff.next(start.minusSeconds(1)));
        assertEquals(Optional.of(Duration.ofSeconds(1)), backoff.next(start));
        assertEquals(Optional.of(Duration.ofSeconds(2)), backoff.next(start.plusSeconds(1)));
        assertEquals(Optional.of(Duration.ofSeconds(4)), backoff.next(start.plusSeconds(2)));
        assertEquals(Optional.of(Duration.ofSeconds(5)), backoff.next(start.plusSeconds(3)));
        assertEquals(Optional.of(Duration.ofSeconds(5)), backoff.next(start.plusSeconds(4)));
    }

    @Test
    public void givesUpAfterTheLimitWithinTheWindow() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofMinutes(10));
        backoff.next(start);
        backoff.next(start.plusSeconds(10));
        backoff.next(start.plusSeconds(20));
        assertTrue(backoff.next(start.plusSeconds(30)).isEmpty());
    }

    @Test
    public void restartsLongAgoNoLongerCount() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofMinutes(10));
        backoff.next(start);
        backoff.next(start.plusSeconds(10));
        backoff.next(start.plusSeconds(20));
        assertEquals("a crash long after the last ones is a first crash again", Optional.of(Duration.ZERO),
                backoff.next(start.plus(Duration.ofMinutes(30))));
    }

    @Test
    public void describesItsLimit() {
        assertEquals("5 restarts within 10 min",
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(10)).describeLimit());
    }
}
