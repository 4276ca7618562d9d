package dev.pnode.shell.internal;

import dev.pnode.api.DownloadProgress;
import dev.pnode.api.InstalledPlugin;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Stands in for the plugin host's services. */
final class FakeHost implements PluginRegistry, PluginAdmin {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final List<PluginStatus> plugins = new ArrayList<>(List.of(
            new PluginStatus("helloworld", "quorum-plugin-hello-world", "1.0.0", PluginState.RUNNING,
                    OptionalLong.of(4242), Optional.of(NOW.minusSeconds(3_725)), 1, Optional.of("exited with status 137")),
            new PluginStatus("security", "quorum-security-plugin-enterprise", "0.1.0", PluginState.FAILED,
                    OptionalLong.empty(), Optional.of(NOW.minusSeconds(60)), 5,
                    Optional.of("handshake timed out after 10 s: the plugin printed nothing on stdout; is it a plugin?"))));
    final List<String> output = new ArrayList<>();
    final List<String> reloaded = new ArrayList<>();
    final Map<String, String> failures = new LinkedHashMap<>();
    Map<String, String> reloadAllOutcome = Map.of();
    int lastMaxLines;
    long downloadSize = -1;

    @Override
    public List<PluginStatus> plugins() {
        return plugins;
    }

    @Override
    public Optional<PluginStatus> plugin(String interfaceKey) {
        return plugins.stream().filter(plugin -> plugin.interfaceKey().equals(interfaceKey)).findFirst();
    }

    @Override
    public Duration callTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public List<String> recentOutput(String interfaceKey, int maxLines) {
        if (plugin(interfaceKey).isEmpty()) {
            throw new IllegalArgumentException("no plugin is configured under " + interfaceKey);
        }
        lastMaxLines = maxLines;
        return output;
    }

    @Override
    public void reload(String interfaceKey) throws PluginException {
        if (plugin(interfaceKey).isEmpty()) {
            throw new IllegalArgumentException("no plugin is configured under " + interfaceKey);
        }
        if (failures.containsKey(interfaceKey)) {
            throw new PluginException(failures.get(interfaceKey));
        }
        reloaded.add(interfaceKey);
    }

    @Override
    public Map<String, String> reloadAll() {
        return reloadAllOutcome;
    }

    /** Installs helloworld 1.0.0 (already there unless {@link #downloadSize} is set); anything else is unknown. */
    @Override
    public InstalledPlugin install(String name, String version, DownloadProgress progress) throws PluginException {
        if (!(name + " " + version).equals("helloworld 1.0.0")) {
            throw new PluginException("installing plugin " + name + " " + version + " from the plugin central failed:"
                    + " https://central.example/" + name + "-" + version + ".zip: HTTP 404");
        }
        Path zip = Path.of("/data/plugins/helloworld-1.0.0.zip");
        if (downloadSize < 0) {
            return new InstalledPlugin(name, version, zip, false);
        }
        for (long received = 0; received <= downloadSize; received += downloadSize / 20) {
            progress.progress("https://central.example/helloworld-1.0.0.zip", received, downloadSize);
        }
        return new InstalledPlugin(name, version, zip, true);
    }
}
