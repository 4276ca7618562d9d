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
 */
public record PluginStatus(String interfaceKey, String name, String version, PluginState state,
        OptionalLong pid, Optional<Instant> startedAt, int restarts, Optional<String> lastError) {
}
