package dev.pnode.rpc.jsonrpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;

/**
 * One valid request, however it was read.
 *
 * @param id null for a notification (no {@code id} member); JSON null is {@link JsonNull}
 * @param params an array, an object, or null for none
 */
record Request(String method, JsonElement id, JsonElement params) {

    boolean notification() {
        return id == null;
    }
}
