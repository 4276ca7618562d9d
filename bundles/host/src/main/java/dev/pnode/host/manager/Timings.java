package dev.pnode.host.manager;

import dev.pnode.api.RestartPolicy;
import dev.pnode.host.settings.DurationText;
import java.time.Duration;
import java.util.function.Function;

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
 * (the last three are the restart policy of providers whose settings name none)
 */
record Timings(Duration startTimeout, Duration callTimeout, Duration healthInterval, Duration healthTimeout,
        Duration drainGrace, Duration rebindGrace, Duration interfaceGrace, Duration interfaceTimeout,
        Duration restartDelay, Duration maxRestartDelay, int restartLimit, Duration restartWindow) {

    static final Timings DEFAULT = new Timings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2),
            Duration.ofSeconds(60), Duration.ofSeconds(1), RestartPolicy.DEFAULT.maxBackoff(),
            RestartPolicy.DEFAULT.maxRestarts(), RestartPolicy.DEFAULT.window());

    /** Framework properties that override the defaults, e.g. {@code pnode.plugin.callTimeout=3s}. */
    static final String START_TIMEOUT_PROPERTY = "pnode.plugin.startTimeout";
    static final String CALL_TIMEOUT_PROPERTY = "pnode.plugin.callTimeout";
    static final String HEALTH_INTERVAL_PROPERTY = "pnode.plugin.healthInterval";
    static final String DRAIN_GRACE_PROPERTY = "pnode.plugin.drainGrace";

    /** Consecutive failed health checks after which a plugin is restarted. */
    static final int HEALTH_FAILURES_TO_RESTART = 2;

    /**
     * Calls in a row that ran past their deadline after which a plugin counts as stuck (deadlocked or spinning while
     * its health service still answers) and is restarted.
     */
    static final int CALLS_PAST_DEADLINE_TO_RESTART = 3;

    /**
     * How long a reload's replacement may warm itself up before its handshake line
     * ({@link dev.pnode.api.PluginProcessVariables#WARM_UP_MILLIS}):
     * the old process serves meanwhile, so nobody waits for it; well inside the start timeout and the lowered priority's
     * third of it.
     */
    static final Duration REPLACEMENT_WARM_UP = Duration.ofSeconds(4);

    /**
     * The defaults, with whatever the framework properties override.
     *
     * @throws IllegalArgumentException naming the property whose value is not a duration
     */
    static Timings fromProperties(Function<String, String> properties) {
        return new Timings(
                duration(properties, START_TIMEOUT_PROPERTY, DEFAULT.startTimeout),
                duration(properties, CALL_TIMEOUT_PROPERTY, DEFAULT.callTimeout),
                duration(properties, HEALTH_INTERVAL_PROPERTY, DEFAULT.healthInterval),
                DEFAULT.healthTimeout, duration(properties, DRAIN_GRACE_PROPERTY, DEFAULT.drainGrace),
                DEFAULT.rebindGrace, DEFAULT.interfaceGrace, DEFAULT.interfaceTimeout, DEFAULT.restartDelay,
                DEFAULT.maxRestartDelay, DEFAULT.restartLimit, DEFAULT.restartWindow);
    }

    private static Duration duration(Function<String, String> properties, String name, Duration fallback) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? fallback : DurationText.parse("framework property " + name, value);
    }

    /** The restart policy of a provider whose settings have no {@code restart} object. */
    RestartPolicy defaultRestartPolicy() {
        return new RestartPolicy(restartLimit, restartWindow, maxRestartDelay);
    }

    /** Restart delays starting at {@link #restartDelay()}, within the given policy. */
    Backoff restartBackoff(RestartPolicy policy) {
        return new Backoff(restartDelay, policy.maxBackoff(), policy.maxRestarts(), policy.window());
    }
}
