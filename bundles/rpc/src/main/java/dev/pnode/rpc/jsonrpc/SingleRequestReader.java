package dev.pnode.rpc.jsonrpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads the common request, one object of {@code jsonrpc "2.0"}, {@code method}, {@code id} and {@code params}, in
 * one pass of gson's streaming reader, into a {@link Request}: the general path builds the request's tree and then
 * walks it (16 % of the HTTP threads' samples in BENCHMARKS.md figure 7, session 12). Anything else (a batch, an
 * unknown or repeated member, a member of a wrong type, malformed JSON, trailing data) is not read here: the general
 * path reads the text again and answers it, so the two paths cannot answer differently. Only the params are still a
 * tree, built by the same gson code as on the general path, because the methods take them as one.
 */
final class SingleRequestReader {

    private SingleRequestReader() {
    }

    /** @return the request, or null when the text is not one common request (the general path then reads it) */
    static Request read(String text, int maxDepth) {
        try {
            return read(strictReader(text, maxDepth));
        } catch (IOException | JsonParseException e) {
            return null;
        }
    }

    /** How both paths read a request's text: strict JSON, nested at most {@code maxDepth} deep. */
    static JsonReader strictReader(String text, int maxDepth) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(maxDepth);
        return reader;
    }

    private static Request read(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            return null;
        }
        reader.beginObject();
        String version = null;
        String method = null;
        JsonElement id = null;
        JsonElement params = null;
        boolean paramsRead = false;
        while (reader.hasNext()) {
            switch (reader.nextName()) {
                case "jsonrpc" -> {
                    if (version != null || reader.peek() != JsonToken.STRING) {
                        return null;
                    }
                    version = reader.nextString();
                }
                case "method" -> {
                    if (method != null || reader.peek() != JsonToken.STRING) {
                        return null;
                    }
                    method = reader.nextString();
                }
                case "id" -> {
                    if (id != null) {
                        return null;
                    }
                    id = id(reader);
                    if (id == null) {
                        return null;
                    }
                }
                case "params" -> {
                    if (paramsRead) {
                        return null;
                    }
                    paramsRead = true;
                    JsonToken kind = reader.peek();
                    if (kind == JsonToken.NULL) {
                        reader.nextNull();
                    } else if (kind == JsonToken.BEGIN_ARRAY || kind == JsonToken.BEGIN_OBJECT) {
                        params = JsonParser.parseReader(reader);
                    } else {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        reader.endObject();
        if (reader.peek() != JsonToken.END_DOCUMENT || !"2.0".equals(version) || method == null) {
            return null;
        }
        return new Request(method, id, params);
    }

    /** A string, a number (gson's lazily parsed one, as on the general path: answered as sent) or null. */
    private static JsonElement id(JsonReader reader) throws IOException {
        return switch (reader.peek()) {
            case STRING -> new JsonPrimitive(reader.nextString());
            case NUMBER -> JsonParser.parseReader(reader);
            case NULL -> {
                reader.nextNull();
                yield JsonNull.INSTANCE;
            }
            default -> null;
        };
    }
}
