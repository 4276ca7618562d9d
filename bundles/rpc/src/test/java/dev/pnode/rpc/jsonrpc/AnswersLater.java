package dev.pnode.rpc.jsonrpc;

import com.google.gson.JsonElement;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** A method that answers only asynchronously (as a plugin's {@code <method>Async} variant does), for tests. */
public final class AnswersLater implements RpcMethod {

    private final Function<JsonElement, CompletionStage<JsonElement>> answer;

    public AnswersLater(Function<JsonElement, CompletionStage<JsonElement>> answer) {
        this.answer = answer;
    }

    @Override
    public JsonElement call(JsonElement params) {
        throw new AssertionError("the blocking way was taken");
    }

    @Override
    public CompletionStage<JsonElement> callAsync(JsonElement params, Executor blocking) {
        return answer.apply(params);
    }
}
