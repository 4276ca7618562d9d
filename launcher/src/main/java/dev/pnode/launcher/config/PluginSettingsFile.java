package dev.pnode.launcher.config;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's check of the plugin settings file ({@code --plugins}): it exists, is readable and is one
 * strict JSON value. What the JSON means is the plugin host's business.
 */
public final class PluginSettingsFile {

    private PluginSettingsFile() {
    }

    /** Gson's message without its advice to parse leniently and its troubleshooting link. */
    private static String gsonMessage(Throwable error) {
        return String.valueOf(error.getMessage())
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
                .replaceAll("\\s*See https://\\S+", "");
    }

    /** Fails with a message naming the file and, for bad JSON, the line and column. */
    public static void check(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw new ConfigException("plugin settings file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException("plugin settings file " + file + " is not a readable file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.STRICT);
            if (!JsonParser.parseReader(json).isJsonObject()) {
                throw new ConfigException("plugin settings file " + file + " is not valid JSON: it must hold one JSON"
                        + " object, like {\"providers\": {...}}");
            }
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new ConfigException("plugin settings file " + file + " is not valid JSON: more than one value");
            }
        } catch (JsonParseException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("plugin settings file " + file + " is not valid JSON: " + gsonMessage(cause), e);
        } catch (MalformedJsonException e) {
            throw new ConfigException("plugin settings file " + file + " is not valid JSON: " + gsonMessage(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read plugin settings file " + file + ": " + e, e);
        }
    }
}
