package dev.pnode.rpc.jsonrpc;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.util.List;

/** Writes JSON-RPC 2.0 responses. */
public final class Responses {

    /** Keeps {@code "result": null} and {@code "id": null}, which the spec requires. */
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Responses() {
    }

    /**
     * One response, written as text without building its envelope as a JSON object first (the answering thread is
     * the plugin channel's I/O thread, which every call passes).
     *
     * @param id the request's id, JSON null when it had none that could be read
     * @param result the method's result (null for JSON null) when {@code error} is null
     */
    record Response(JsonElement id, JsonElement result, JsonRpcError error) {

        boolean failed() {
            return error != null;
        }

        private void writeTo(StringBuilder text) {
            text.append("{\"jsonrpc\":\"2.0\",\"id\":");
            GSON.toJson(id, text);
            if (error == null) {
                text.append(",\"result\":");
                GSON.toJson(result == null ? JsonNull.INSTANCE : result, text);
            } else {
                text.append(",\"error\":{\"code\":").append(error.code()).append(",\"message\":");
                GSON.toJson(error.getMessage() == null ? JsonNull.INSTANCE : new JsonPrimitive(error.getMessage()),
                        text);
                text.append('}');
            }
            text.append('}');
        }
    }

    static Response success(JsonElement id, JsonElement result) {
        return new Response(id, result, null);
    }

    static Response error(JsonElement id, JsonRpcError error) {
        return new Response(id, null, error);
    }

    /** An error that belongs to no request (it could not be read): the text to send, on one line. */
    public static String errorText(JsonRpcError error) {
        return toText(error(JsonNull.INSTANCE, error));
    }

    /** One line of compact JSON (JSON escapes every newline inside strings). */
    static String toText(Response response) {
        StringBuilder text = new StringBuilder(128);
        response.writeTo(text);
        return text.toString();
    }

    /** A batch's responses as one array, on one line. */
    static String toText(List<Response> responses) {
        StringBuilder text = new StringBuilder(128 * responses.size());
        text.append('[');
        for (Response response : responses) {
            if (text.length() > 1) {
                text.append(',');
            }
            response.writeTo(text);
        }
        return text.append(']').toString();
    }

    /** Any JSON value (the health check's body) as one line of compact JSON. */
    public static String toText(JsonElement value) {
        // a StringBuilder: Gson's own toJson(JsonElement) writes through a StringWriter, whose StringBuffer locks
        StringBuilder text = new StringBuilder(128);
        GSON.toJson(value, text);
        return text.toString();
    }
}
