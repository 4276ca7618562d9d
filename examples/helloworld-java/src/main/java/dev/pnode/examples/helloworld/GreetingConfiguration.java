package dev.pnode.examples.helloworld;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;

/** The plugin's raw configuration from the host: JSON {@code {"language":"en"|"es"}}, English when absent. */
final class GreetingConfiguration {

    private GreetingConfiguration() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the configuration */
    static Language parse(byte[] rawConfiguration) {
        String json = new String(rawConfiguration, StandardCharsets.UTF_8).strip();
        if (json.isEmpty()) {
            return Language.EN;
        }
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("configuration is not valid JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("configuration must be a JSON object like {\"language\":\"en\"}, was "
                    + json);
        }
        JsonObject object = parsed.getAsJsonObject();
        JsonElement language = object.get("language");
        if (language == null || language.isJsonNull()) {
            return Language.EN;
        }
        if (!(language instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw new IllegalArgumentException("configuration key \"language\" must be a string, was " + language);
        }
        return Language.forCode(primitive.getAsString());
    }
}
