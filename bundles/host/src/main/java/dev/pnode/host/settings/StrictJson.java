package dev.pnode.host.settings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Parses JSON text strictly (no comments, no single quotes, no trailing content) and refuses duplicate keys,
 * which gson would silently merge. Errors carry the line and column.
 */
public final class StrictJson {

    private static final int MAX_NESTING = 64;
    private static final int MAX_PATH_SHOWN = 80;

    private StrictJson() {
    }

    /** @param source names the text in errors, e.g. the settings file */
    public static JsonElement parse(String text, String source) throws SettingsException {
        if (text.isBlank()) {
            throw new SettingsException(source + ": is empty, expected a JSON object");
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_NESTING);
        try {
            JsonElement element = read(reader, source);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new SettingsException(source + ": unexpected content after the JSON value " + position(reader));
            }
            return element;
        } catch (IOException | JsonParseException | NumberFormatException e) {
            throw new SettingsException(source + ": invalid JSON " + position(reader) + ": " + reason(e), e);
        }
    }

    private static JsonElement read(JsonReader reader, String source) throws IOException, SettingsException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) {
                        throw new SettingsException(source + ": duplicate key '" + name + "' " + position(reader));
                    }
                    object.add(name, read(reader, source));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, source));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new SettingsException(source + ": unexpected " + reader.peek() + " " + position(reader));
        }
    }

    /** "at line 3 column 7 (path $.providers.helloworld)", from gson's reader description. */
    private static String position(JsonReader reader) {
        String description = reader.toString();
        int at = description.indexOf("at line ");
        String where = at < 0 ? "" : description.substring(at);
        int path = where.indexOf(" path ");
        if (path < 0) {
            return where;
        }
        String jsonPath = where.substring(path + " path ".length());
        if (jsonPath.length() > MAX_PATH_SHOWN) {
            jsonPath = jsonPath.substring(0, MAX_PATH_SHOWN) + "...";
        }
        return where.substring(0, path) + " (path " + jsonPath + ")";
    }

    /** gson's message without its position, troubleshooting link and advice to parse leniently. */
    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof NumberFormatException) {
            return "not a number";
        }
        if (message.startsWith("Use JsonReader.setStrictness")) {
            return "malformed JSON (only strict JSON: no comments, single quotes, unquoted names, stray commas"
                    + " or text after the value)";
        }
        int cut = message.indexOf(" at line ");
        if (cut < 0) {
            cut = message.indexOf('\n');
        }
        String reason = cut < 0 ? message : message.substring(0, cut);
        return reason.equals("End of input") ? "unexpected end of input" : reason;
    }
}
