package dev.pnode.example.kvstore.plugin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The plugin's raw configuration from the host: JSON {@code {"prefix":"..."}}. Every key stored must start with the
 * prefix (a namespace one node's store keeps to); no prefix, or an empty configuration, allows every key.
 */
record StoreConfiguration(String prefix) {

    static final StoreConfiguration ANY_KEY = new StoreConfiguration("");

    /** @throws IllegalArgumentException naming what is wrong with the configuration */
    static StoreConfiguration parse(byte[] rawConfiguration) {
        String json = new String(rawConfiguration, StandardCharsets.UTF_8).strip();
        if (json.isEmpty()) {
            return ANY_KEY;
        }
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("configuration is not valid JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("configuration must be a JSON object like {\"prefix\":\"node1/\"}, was "
                    + json);
        }
        JsonObject object = parsed.getAsJsonObject();
        for (String key : object.keySet()) {
            if (!Set.of("prefix").contains(key)) {
                throw new IllegalArgumentException("unknown configuration key \"" + key + "\"; supported: prefix");
            }
        }
        JsonElement prefix = object.get("prefix");
        if (prefix == null || prefix.isJsonNull()) {
            return ANY_KEY;
        }
        if (!(prefix instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw new IllegalArgumentException("configuration key \"prefix\" must be a string, was " + prefix);
        }
        return new StoreConfiguration(primitive.getAsString());
    }

    /** @throws IllegalArgumentException when the key lies outside the prefix */
    void checkKey(String key) {
        if (!key.startsWith(prefix)) {
            throw new IllegalArgumentException("key \"" + key + "\" is outside the prefix \"" + prefix + "\"");
        }
    }
}
