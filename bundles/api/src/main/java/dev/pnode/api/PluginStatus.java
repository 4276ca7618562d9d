package dev.pnode.api;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of one configured plugin, for shells, RPC and tests.
 *
 * @param interfaceKey the settings key, e.g. {@code helloworld}
 * @param name the plugin's name
 * @param version the plugin's version
 * @param state where it is in its life
 * @param pid the process id while a process exists
 * @param startedAt when the current process was started
 * @param restarts how many times the host started it again after the first start
 * @param lastError why it last failed, if it ever did
 * @param restartPolicy how the host restarts it (since 1.1)
 * @param optional whether the node may run without it: the settings mark it {@code "optional": true} (since 1.3)
 */
public record PluginStatus(String interfaceKey, String name, String version, PluginState state,
        OptionalLong pid, Optional<Instant> startedAt, int restarts, Optional<String> lastError,
        RestartPolicy restartPolicy, boolean optional) {

    /** A required plugin's status (the constructor of 1.1). */
    public PluginStatus(String interfaceKey, String name, String version, PluginState state, OptionalLong pid,
            Optional<Instant> startedAt, int restarts, Optional<String> lastError, RestartPolicy restartPolicy) {
        this(interfaceKey, name, version, state, pid, startedAt, restarts, lastError, restartPolicy, false);
    }

    /** A status with the {@link RestartPolicy#DEFAULT default restart policy} (the constructor of 1.0). */
    public PluginStatus(String interfaceKey, String name, String version, PluginState state, OptionalLong pid,
            Optional<Instant> startedAt, int restarts, Optional<String> lastError) {
        this(interfaceKey, name, version, state, pid, startedAt, restarts, lastError, RestartPolicy.DEFAULT);
    }
}
