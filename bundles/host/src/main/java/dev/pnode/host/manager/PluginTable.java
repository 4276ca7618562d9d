package dev.pnode.host.manager;

import dev.pnode.host.settings.PluginSettings;
import dev.pnode.host.settings.ProviderSettings;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The managed plugins by interface key, in the settings' order, and what fresh settings change in them (added,
 * removed, changed). Changed on the host's supervisor thread only; read from any thread.
 */
final class PluginTable {

    private final BiFunction<ProviderSettings, PluginSettings, ManagedPlugin> create;
    private volatile Map<String, ManagedPlugin> plugins = Map.of();

    /** @param create makes (and binds) the plugin of a newly configured provider */
    PluginTable(BiFunction<ProviderSettings, PluginSettings, ManagedPlugin> create) {
        this.create = create;
    }

    /** @return the plugin under this (lower-case) key, or null */
    ManagedPlugin get(String key) {
        return plugins.get(key);
    }

    Collection<ManagedPlugin> all() {
        return plugins.values();
    }

    /** Creates the plugin of a provider that has none yet. */
    ManagedPlugin add(ProviderSettings provider, PluginSettings settings) {
        ManagedPlugin plugin = create.apply(provider, settings);
        Map<String, ManagedPlugin> updated = new LinkedHashMap<>(plugins);
        updated.put(provider.interfaceKey(), plugin);
        plugins = Collections.unmodifiableMap(updated);
        return plugin;
    }

    /**
     * Applies fresh settings: plugins no longer configured are shut down, new ones created, the others handed their
     * provider; the work runs on each plugin's own thread, so the plugins stop, start and reload in parallel.
     *
     * @return per interface key, the outcome to report (null: nothing to report), once the plugin's thread knows it
     */
    Map<String, CompletableFuture<String>> apply(PluginSettings fresh) {
        Map<String, CompletableFuture<String>> outcome = new LinkedHashMap<>();
        for (ManagedPlugin plugin : List.copyOf(plugins.values())) {
            if (!fresh.providers().containsKey(plugin.key())) {
                remove(plugin.key());
                outcome.put(plugin.key(), plugin.shutDown("removed from the plugin settings")
                        .thenApply(stopped -> "stopped"));
            }
        }
        for (ProviderSettings provider : fresh.providers().values()) {
            String key = provider.interfaceKey();
            ManagedPlugin existing = plugins.get(key);
            if (existing == null) {
                ManagedPlugin plugin = add(provider, fresh);
                outcome.put(key, plugin.submit(plugin::describeStart));
            } else {
                outcome.put(key, existing.submit(() -> existing.apply(provider, fresh.store())));
            }
        }
        Map<String, ManagedPlugin> ordered = new LinkedHashMap<>();
        fresh.providers().keySet().forEach(key -> ordered.put(key, plugins.get(key)));
        plugins = Collections.unmodifiableMap(ordered);
        return outcome;
    }

    private void remove(String key) {
        Map<String, ManagedPlugin> updated = new LinkedHashMap<>(plugins);
        updated.remove(key);
        plugins = Collections.unmodifiableMap(updated);
    }
}
