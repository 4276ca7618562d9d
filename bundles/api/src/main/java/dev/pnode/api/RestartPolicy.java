package dev.pnode.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How the host restarts a plugin that died or stopped answering: after 1 s, 2 s, 4 s ... (at most
 * {@code maxBackoff}), and not any more once {@code maxRestarts} restarts happened within {@code window}.
 *
 * @param maxRestarts restarts allowed within {@code window}; 0 means a plugin that dies stays down
 * @param window the period restarts are counted in
 * @param maxBackoff the longest wait before a restart
 * @since 1.1
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration maxBackoff) {

    /** The host's policy unless the settings say otherwise: 5 restarts within 10 minutes, waits up to 30 s. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(5, Duration.ofMinutes(10), Duration.ofSeconds(30));

    /** @throws IllegalArgumentException naming the value that is out of range */
    public RestartPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be 0 or more, was " + maxRestarts);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be longer than zero, was " + window);
        }
        if (maxBackoff.isNegative() || maxBackoff.isZero()) {
            throw new IllegalArgumentException("maxBackoff must be longer than zero, was " + maxBackoff);
        }
    }

    /** For consoles: {@code 5 restarts within 10m, backoff up to 30s}. */
    public String describe() {
        return maxRestarts + " restart" + (maxRestarts == 1 ? "" : "s") + " within " + text(window)
                + ", backoff up to " + text(maxBackoff);
    }

    /** For tables: {@code 5 in 10m}. */
    public String describeLimit() {
        return maxRestarts + " in " + text(window);
    }

    private static String text(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
