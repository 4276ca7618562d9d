package dev.pnode.rpc.jsonrpc;

import com.google.gson.JsonElement;

/** One JSON-RPC method. */
@FunctionalInterface
public interface RpcMethod {

    /**
     * Runs the method.
     *
     * @param params the request's {@code params}: a {@code JsonArray}, a {@code JsonObject}, or {@code null} when
     *     the request had none
     * @return the result; {@code null} stands for JSON {@code null}
     * @throws JsonRpcError to answer with that error
     */
    JsonElement call(JsonElement params) throws JsonRpcError;
}
