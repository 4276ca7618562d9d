package dev.pnode.rpc.methods;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Stands in for the plugin host (its registry and admin services) and the contract services it registers. */
final class FakeHost implements PluginRegistry, PluginAdmin, PluginContracts {

    final List<PluginStatus> plugins = new ArrayList<>();
    final Map<String, Object> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Class<?>> contracts = new LinkedHashMap<>();
    final List<String> reloaded = new ArrayList<>();
    String reloadFailure;
    Duration callTimeout = Duration.ofSeconds(10);

    static PluginStatus running(String key, Instant startedAt) {
        return new PluginStatus(key, key, "1.0.0", PluginState.RUNNING, OptionalLong.of(4242), Optional.of(startedAt), 0,
                Optional.empty());
    }

    static PluginStatus failed(String key, String error) {
        return new PluginStatus(key, key, "1.0.0", PluginState.FAILED, OptionalLong.empty(),
                Optional.of(Instant.parse("2026-11-25T11:00:00Z")), 3,
                Optional.of(error));
    }

    <T> void serve(String key, Class<T> contract, T service) {
        services.put(key, service);
        contracts.put(key, contract);
    }

    @Override
    public List<PluginStatus> plugins() {
        return plugins;
    }

    @Override
    public Optional<PluginStatus> plugin(String interfaceKey) {
        return plugins.stream().filter(plugin -> plugin.interfaceKey().equals(interfaceKey)).findFirst();
    }

    @Override
    public List<String> recentOutput(String interfaceKey, int maxLines) {
        return List.of();
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }

    @Override
    public void reload(String interfaceKey) throws PluginException {
        if (plugin(interfaceKey).isEmpty()) {
            throw new IllegalArgumentException("no plugin is configured under " + interfaceKey);
        }
        if (reloadFailure != null) {
            throw new PluginException(reloadFailure);
        }
        reloaded.add(interfaceKey);
    }

    @Override
    public Map<String, String> reloadAll() throws PluginException {
        if (reloadFailure != null) {
            throw new PluginException(reloadFailure);
        }
        return Map.of("helloworld", "reloaded");
    }

    @Override
    public Optional<Contract> find(String interfaceKey) {
        Object service = services.get(interfaceKey);
        return service == null ? Optional.empty()
                : Optional.of(new Contract(service, contracts.get(interfaceKey), "1.0.0"));
    }

    @Override
    public Map<String, String> running() {
        Map<String, String> running = new LinkedHashMap<>();
        services.keySet().forEach(key -> running.put(key, "1.0.0"));
        return running;
    }
}
