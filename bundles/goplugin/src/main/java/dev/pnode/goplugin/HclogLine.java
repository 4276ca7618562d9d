package dev.pnode.goplugin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One line of plugin output turned into a log level and a readable message. go-plugin plugins log hclog JSON
 * ({@code {"@level":"info","@message":"...","@module":"...","@timestamp":"...","key":"value"}}); others print plain
 * text, possibly with hclog's {@code [LEVEL]} prefix, which go-plugin's own client also honours.
 */
record HclogLine(Level level, String message) {

    private static final Set<String> HIDDEN_FIELDS = Set.of("@level", "@message", "@module", "@timestamp", "@caller");
    private static final Map<String, Level> PREFIXES = Map.of("[TRACE]", Level.TRACE, "[DEBUG]", Level.DEBUG,
            "[INFO]", Level.INFO, "[WARN]", Level.WARNING, "[ERROR]", Level.ERROR);

    static HclogLine parse(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            HclogLine json = fromJson(trimmed);
            if (json != null) {
                return json;
            }
        }
        for (Map.Entry<String, Level> prefix : PREFIXES.entrySet()) {
            if (trimmed.startsWith(prefix.getKey())) {
                return new HclogLine(prefix.getValue(), trimmed.substring(prefix.getKey().length()).strip());
            }
        }
        return new HclogLine(Level.INFO, line);
    }

    private static HclogLine fromJson(String text) {
        JsonObject object;
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                return null;
            }
            object = element.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
        if (!object.has("@message") && !object.has("@level")) {
            return null;
        }
        StringBuilder message = new StringBuilder();
        String module = string(object.get("@module"));
        if (!module.isEmpty()) {
            message.append(module).append(": ");
        }
        message.append(string(object.get("@message")));
        for (Map.Entry<String, JsonElement> field : object.entrySet()) {
            if (!HIDDEN_FIELDS.contains(field.getKey())) {
                message.append(' ').append(field.getKey()).append('=').append(string(field.getValue()));
            }
        }
        return new HclogLine(level(string(object.get("@level"))), message.toString());
    }

    private static String string(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "";
        }
        return element.isJsonPrimitive() ? element.getAsString() : element.toString();
    }

    static Level level(String hclogLevel) {
        return switch (hclogLevel.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "warn", "warning" -> Level.WARNING;
            case "error", "fatal", "panic" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
