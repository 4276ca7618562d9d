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
import dev.pnode.api.json.GsonMessages;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Parses JSON text strictly (no comments, no single quotes, no trailing content) and refuses duplicate keys,
 * which gson would silently merge. Errors carry the line and column.
 */
public final class StrictJson {

    private static final int MAX_NESTING = 64;

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
            throw new SettingsException(source + ": invalid JSON " + position(reader) + ": " + GsonMessages.reason(e), e);
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
        return GsonMessages.position(reader.toString());
    }
}
