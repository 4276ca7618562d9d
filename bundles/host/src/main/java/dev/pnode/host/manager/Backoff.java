package dev.pnode.host.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * When to restart a plugin that died: at once after its first crash (one crash costs only the plugin's start
 * time), then after 1 s, 2 s, 4 s ... up to a cap for further crashes within {@code window}, and not at all once
 * {@code limit} restarts happened within {@code window} (a plugin that keeps crashing is given up on, not restarted
 * forever).
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final int limit;
    private final Duration window;
    private final Deque<Instant> recentRestarts = new ArrayDeque<>();

    Backoff(Duration initial, Duration max, int limit, Duration window) {
        this.initial = initial;
        this.max = max;
        this.limit = limit;
        this.window = window;
    }

    /** @return how long to wait before the next restart, or empty when the limit is reached */
    Optional<Duration> next(Instant now) {
        while (!recentRestarts.isEmpty() && recentRestarts.peekFirst().isBefore(now.minus(window))) {
            recentRestarts.removeFirst();
        }
        if (recentRestarts.size() >= limit) {
            return Optional.empty();
        }
        Duration delay = recentRestarts.isEmpty() ? Duration.ZERO
                : initial.multipliedBy(1L << Math.min(recentRestarts.size() - 1, 30));
        recentRestarts.addLast(now);
        return Optional.of(delay.compareTo(max) > 0 ? max : delay);
    }

    /** Describes the limit for messages: "5 restarts within 10 min". */
    String describeLimit() {
        boolean minutes = window.toMillis() % 60_000 == 0;
        return limit + " restarts within " + (minutes ? window.toMinutes() + " min" : window.toMillis() + " ms");
    }
}
