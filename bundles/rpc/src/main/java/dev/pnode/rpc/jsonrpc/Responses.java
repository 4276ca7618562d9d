package dev.pnode.rpc.jsonrpc;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** Builds and writes JSON-RPC 2.0 response objects. */
public final class Responses {

    /** Keeps {@code "result": null} and {@code "id": null}, which the spec requires. */
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Responses() {
    }

    static JsonObject success(JsonElement id, JsonElement result) {
        JsonObject response = envelope(id);
        response.add("result", result == null ? JsonNull.INSTANCE : result);
        return response;
    }

    static JsonObject error(JsonElement id, JsonRpcError error) {
        JsonObject body = new JsonObject();
        body.addProperty("code", error.code());
        body.addProperty("message", error.getMessage());
        JsonObject response = envelope(id);
        response.add("error", body);
        return response;
    }

    /** An error that belongs to no request (it could not be read): the text to send, on one line. */
    public static String errorText(JsonRpcError error) {
        return toText(error(JsonNull.INSTANCE, error));
    }

    /** One line of compact JSON (JSON escapes every newline inside strings). */
    public static String toText(JsonElement response) {
        // a StringBuilder: Gson's own toJson(JsonElement) writes through a StringWriter, whose StringBuffer locks
        StringBuilder text = new StringBuilder(128);
        GSON.toJson(response, text);
        return text.toString();
    }

    private static JsonObject envelope(JsonElement id) {
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        response.add("id", id == null ? JsonNull.INSTANCE : id);
        return response;
    }
}
