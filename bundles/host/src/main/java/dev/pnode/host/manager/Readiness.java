package dev.pnode.host.manager;

import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.api.node.ReadinessProperties;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the host tells the launcher through its service properties: {@code starting} until every configured plugin
 * runs or has failed, then {@code ready} or {@code failed} with the first failure's reason.
 *
 * @param state {@code starting}, {@code ready} or {@code failed}
 * @param message for people: what is awaited, or what failed
 */
record Readiness(String state, String message) {

    static final String STARTING = ReadinessProperties.STARTING;
    static final String READY = ReadinessProperties.READY;
    static final String FAILED = ReadinessProperties.FAILED;

    static Readiness starting(String message) {
        return new Readiness(STARTING, message);
    }

    static Readiness failed(String message) {
        return new Readiness(FAILED, message);
    }

    /**
     * Derives readiness from the configured plugins' states.
     *
     * @param optional keys of the providers the node may run without: their failures do not fail startup
     */
    static Readiness of(List<PluginStatus> plugins, Set<String> optional) {
        for (PluginStatus plugin : plugins) {
            if (plugin.state() == PluginState.FAILED && !optional.contains(plugin.interfaceKey())) {
                return failed("plugin " + plugin.interfaceKey() + ": " + plugin.lastError().orElse("failed"));
            }
        }
        // an optional plugin that already failed (e.g. hung in its handshake until the start timeout) and is being
        // retried does not hold startup up again with every retry
        List<String> waiting = keys(plugins, p -> p.state() == PluginState.STARTING
                && !(optional.contains(p.interfaceKey()) && p.lastError().isPresent()));
        if (!waiting.isEmpty()) {
            return starting("starting plugins: " + String.join(", ", waiting));
        }
        long running = plugins.stream().filter(p -> p.state() == PluginState.RUNNING).count();
        String message = plugins.isEmpty() ? "no plugins configured"
                : running + " plugin" + (running == 1 ? "" : "s") + " running";
        List<String> notRunning = keys(plugins, p -> p.state() != PluginState.RUNNING);
        if (!notRunning.isEmpty()) {
            message += "; optional plugins not running (retried): " + String.join(", ", notRunning);
        }
        return new Readiness(READY, message);
    }

    private static List<String> keys(List<PluginStatus> plugins, Predicate<PluginStatus> filter) {
        return plugins.stream().filter(filter).map(PluginStatus::interfaceKey).collect(Collectors.toList());
    }

    boolean isFinal() {
        return !state.equals(STARTING);
    }

    Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ReadinessProperties.STATE, state);
        properties.put(ReadinessProperties.MESSAGE, message);
        return properties;
    }
}
