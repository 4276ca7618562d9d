package dev.pnode.itest.osgi;

import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits for what the plugin registry reports: the host changes a plugin's state on its own thread, a moment after
 * the contract service comes or goes.
 */
public final class PluginStates {

    private static final long TIMEOUT_SECONDS = 60;

    private PluginStates() {
    }

    public static PluginStatus awaitRunning(PluginRegistry registry, String key) throws InterruptedException {
        return await(registry, key, status -> status.state() == PluginState.RUNNING, "state RUNNING");
    }

    public static PluginStatus await(PluginRegistry registry, String key, Predicate<PluginStatus> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        PluginStatus status = registry.plugin(key).orElseThrow();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = registry.plugin(key).orElseThrow();
        }
        assertTrue("expected " + what + " of plugin " + key + ", status is " + status, condition.test(status));
        return status;
    }
}
