package dev.pnode.host.discovery;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pnode.host.settings.SettingsException;
import dev.pnode.host.settings.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip's {@code plugin-meta.json}: which plugin it is and how to start it.
 *
 * @param name must equal the settings' name
 * @param version must equal the settings' version
 * @param entrypoint a plain file name at the zip root, run directly
 * @param parameters the entrypoint's arguments
 */
public record PluginMeta(String name, String version, String entrypoint, List<String> parameters) {

    public static final String FILE_NAME = "plugin-meta.json";

    public PluginMeta {
        parameters = List.copyOf(parameters);
    }

    /** @param source names the file in errors, e.g. {@code helloworld-1.0.0.zip!plugin-meta.json} */
    public static PluginMeta parse(String json, String source) throws DiscoveryException {
        JsonElement root;
        try {
            root = StrictJson.parse(json, source);
        } catch (SettingsException e) {
            throw new DiscoveryException(e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new DiscoveryException(source + ": must be a JSON object");
        }
        JsonObject meta = root.getAsJsonObject();
        String entrypoint = requiredString(meta, "entrypoint", source);
        if (entrypoint.contains("/") || entrypoint.contains("\\") || entrypoint.equals(".")
                || entrypoint.equals("..")) {
            throw new DiscoveryException(source + ": entrypoint must be a plain file name at the zip root, was '"
                    + entrypoint + "'");
        }
        return new PluginMeta(requiredString(meta, "name", source), requiredString(meta, "version", source),
                entrypoint, parameters(meta.get("parameters"), source));
    }

    /** Refuses a zip whose meta names another plugin or version than the settings asked for. */
    public void checkMatches(String expectedName, String expectedVersion, String source) throws DiscoveryException {
        if (!name.equals(expectedName)) {
            throw new DiscoveryException(source + ": name is '" + name + "' but the settings ask for '" + expectedName + "'");
        }
        if (!version.equals(expectedVersion)) {
            throw new DiscoveryException(
                    source + ": version is '" + version + "' but the settings ask for '" + expectedVersion + "'");
        }
    }

    private static String requiredString(JsonObject meta, String key, String source) throws DiscoveryException {
        JsonElement element = meta.get(key);
        if (element == null || element.isJsonNull()) {
            throw new DiscoveryException(source + ": " + key + " is required");
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString() || element.getAsString().isBlank()) {
            throw new DiscoveryException(source + ": " + key + " must be a non-empty string, was " + element);
        }
        return element.getAsString();
    }

    private static List<String> parameters(JsonElement element, String source) throws DiscoveryException {
        List<String> parameters = new ArrayList<>();
        if (element == null || element.isJsonNull()) {
            return parameters;
        }
        if (!element.isJsonArray()) {
            throw new DiscoveryException(source + ": parameters must be a list of strings, was " + element);
        }
        JsonArray array = element.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonElement parameter = array.get(i);
            if (!parameter.isJsonPrimitive() || !parameter.getAsJsonPrimitive().isString()) {
                throw new DiscoveryException(source + ": parameters[" + i + "] must be a string, was " + parameter);
            }
            parameters.add(parameter.getAsString());
        }
        return parameters;
    }
}
