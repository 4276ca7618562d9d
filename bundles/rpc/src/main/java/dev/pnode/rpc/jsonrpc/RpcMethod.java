package dev.pnode.rpc.jsonrpc;

import com.google.gson.JsonElement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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

    /**
     * Runs the method without holding the calling thread (a server thread that serves other connections too). A
     * method that can only block runs {@link #call} on {@code blocking}, which this default does; a method that can
     * answer later (a plugin's asynchronous contract method) overrides it.
     *
     * @return the result, or a {@link JsonRpcError} (or any other failure) to answer with
     */
    default CompletionStage<JsonElement> callAsync(JsonElement params, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(params);
            } catch (JsonRpcError e) {
                throw new CompletionException(e);
            }
        }, blocking);
    }
}
