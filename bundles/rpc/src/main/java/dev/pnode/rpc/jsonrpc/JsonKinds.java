package dev.pnode.rpc.jsonrpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/** Names a JSON value's kind for error messages, showing at most a short prefix of its content. */
public final class JsonKinds {

    private static final int SHOWN_CHARACTERS = 40;

    private JsonKinds() {
    }

    /** E.g. {@code null}, {@code an array}, {@code the number 42}, {@code the string "abc"}. */
    public static String describe(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        String text = primitive.getAsString();
        String shown = text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "..." : text;
        if (primitive.isString()) {
            return "the string \"" + shown + "\"";
        }
        return (primitive.isBoolean() ? "the boolean " : "the number ") + shown;
    }
}
