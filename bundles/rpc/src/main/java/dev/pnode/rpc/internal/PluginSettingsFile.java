package dev.pnode.rpc.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the endpoints read from the plugin settings file themselves: whether it configures a {@code security} provider
 * (what the endpoint goes by while the plugin host is not there to ask, early at boot or during a host restart, so
 * that it never serves openly by mistake), and which providers are optional (for {@code GET /health}).
 */
final class PluginSettingsFile {

    static final String KEY = "security";
    private static final System.Logger LOG = System.getLogger(PluginSettingsFile.class.getName());

    private PluginSettingsFile() {
    }

    /**
     * @param settingsFile {@code pnode.plugins}, null or blank when the node runs without plugins
     * @return true also when the file cannot be read: better refuse requests than serve them unchecked
     */
    static boolean configured(String settingsFile) {
        if (settingsFile == null || settingsFile.isBlank()) {
            return false;
        }
        try {
            JsonElement settings = JsonParser.parseString(Files.readString(Path.of(settingsFile)));
            JsonElement providers = settings.isJsonObject() ? settings.getAsJsonObject().get("providers") : null;
            return providers != null && providers.isJsonObject() && providers.getAsJsonObject().has(KEY);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot tell from the plugin settings " + settingsFile + " whether a security plugin "
                    + "is configured (" + e.getMessage() + "): HTTP JSON-RPC refuses requests until the plugin host "
                    + "answers");
            return true;
        }
    }

    /**
     * The providers marked {@code "optional": true} (the node may run without them), read afresh on every call.
     *
     * @return none when the file cannot be read: every plugin then counts as required
     */
    static Set<String> optionalProviders(String settingsFile) {
        if (settingsFile == null || settingsFile.isBlank()) {
            return Set.of();
        }
        try {
            JsonElement settings = JsonParser.parseString(Files.readString(Path.of(settingsFile)));
            JsonElement providers = settings.isJsonObject() ? settings.getAsJsonObject().get("providers") : null;
            if (providers == null || !providers.isJsonObject()) {
                return Set.of();
            }
            return providers.getAsJsonObject().entrySet().stream().filter(PluginSettingsFile::isOptional)
                    .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    private static boolean isOptional(Map.Entry<String, JsonElement> provider) {
        JsonElement optional = provider.getValue().isJsonObject()
                ? provider.getValue().getAsJsonObject().get("optional") : null;
        return optional != null && optional.isJsonPrimitive() && optional.getAsJsonPrimitive().isBoolean()
                && optional.getAsBoolean();
    }
}
