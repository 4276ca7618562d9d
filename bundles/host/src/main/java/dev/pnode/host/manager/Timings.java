package dev.pnode.host.manager;

import java.time.Duration;

/**
 * How long the host waits for things.
 *
 * @param startTimeout how long a plugin may take to print its handshake line
 * @param callTimeout the deadline of every call to a plugin
 * @param healthInterval how often running plugins are health-checked
 * @param healthTimeout how long one health check may take
 * @param drainGrace how long a replaced process may finish calls it started before it is stopped
 * @param rebindGrace how long a plugin whose interface bundle went away keeps running, so that a new revision of
 *     the bundle (an update) can take it over without restarting the process
 * @param interfaceGrace after the framework has started, how long a configured interface may still take to appear
 * @param interfaceTimeout the latest a configured interface may appear, started framework or not
 * @param restartDelay the wait before the first restart of a plugin that died; doubled for each further one
 * @param maxRestartDelay the longest wait between restarts
 * @param restartLimit how many restarts within {@code restartWindow} before the host gives up on a plugin
 * @param restartWindow the period restarts are counted in
 */
record Timings(Duration startTimeout, Duration callTimeout, Duration healthInterval, Duration healthTimeout,
        Duration drainGrace, Duration rebindGrace, Duration interfaceGrace, Duration interfaceTimeout,
        Duration restartDelay, Duration maxRestartDelay, int restartLimit, Duration restartWindow) {

    static final Timings DEFAULT = new Timings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2),
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(10));

    /** Consecutive failed health checks after which a plugin is restarted. */
    static final int HEALTH_FAILURES_TO_RESTART = 2;

    Backoff restartBackoff() {
        return new Backoff(restartDelay, maxRestartDelay, restartLimit, restartWindow);
    }
}
