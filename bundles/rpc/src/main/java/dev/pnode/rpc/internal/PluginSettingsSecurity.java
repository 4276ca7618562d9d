package dev.pnode.rpc.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the plugin settings file configures a {@code security} provider: what the endpoint goes by while the plugin
 * host is not there to ask (early at boot, during a host restart), so that it never serves openly by mistake.
 */
final class PluginSettingsSecurity {

    static final String KEY = "security";
    private static final System.Logger LOG = System.getLogger(PluginSettingsSecurity.class.getName());

    private PluginSettingsSecurity() {
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
}
