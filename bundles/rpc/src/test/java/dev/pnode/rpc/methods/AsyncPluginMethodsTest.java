package dev.pnode.rpc.methods;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.RpcMethod;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/** A contract's {@code <method>Async} variants: what JSON-RPC calls when it must not hold a thread. */
public class AsyncPluginMethodsTest {

    /** A contract offering an asynchronous variant of one method, and one method only asynchronously. */
    public interface Echo {
        String echo(String text);

        CompletionStage<String> echoAsync(String text);

        CompletionStage<String> laterOnlyAsync(String text);

        int count();
    }

    private final FakeHost host = new FakeHost();
    private final PluginMethods plugins = new PluginMethods(host, () -> Optional.of(host));
    private final CompletableFuture<String> pluginAnswer = new CompletableFuture<>();
    private final AtomicInteger blockingRuns = new AtomicInteger();
    private final Executor blocking = work -> {
        blockingRuns.incrementAndGet();
        work.run();
    };

    public AsyncPluginMethodsTest() {
        host.serve("echo", Echo.class, new Echo() {
            @Override
            public String echo(String text) {
                return "now " + text;
            }

            @Override
            public CompletionStage<String> echoAsync(String text) {
                return pluginAnswer.thenApply(answer -> answer + " " + text);
            }

            @Override
            public CompletionStage<String> laterOnlyAsync(String text) {
                return CompletableFuture.completedFuture("only later " + text);
            }

            @Override
            public int count() {
                return 3;
            }
        });
        host.plugins.add(FakeHost.running("echo", Instant.parse("2026-12-06T12:00:00Z")));
    }

    @Test
    public void theAsyncVariantAnswersWhenThePluginDoesWithoutABlockingThread() throws Exception {
        CompletableFuture<JsonElement> call = method("plugin@echo_echo").callAsync(params("[\"hi\"]"), blocking)
                .toCompletableFuture();

        assertFalse("answered before the plugin did", call.isDone());
        pluginAnswer.complete("later");
        assertEquals("later hi", call.get(5, TimeUnit.SECONDS).getAsString());
        assertEquals(0, blockingRuns.get());
    }

    @Test
    public void theSynchronousWayStillCallsTheSynchronousMethod() throws JsonRpcError {
        assertEquals("now hi", method("plugin@echo_echo").call(params("[\"hi\"]")).getAsString());
    }

    @Test
    public void aMethodOfferedOnlyAsynchronouslyGoesByItsPlainNameBothWays() throws Exception {
        assertEquals("only later x", method("plugin@echo_laterOnly").call(params("[\"x\"]")).getAsString());
        assertEquals("only later y", method("plugin@echo_laterOnly").callAsync(params("[\"y\"]"), blocking)
                .toCompletableFuture().get(5, TimeUnit.SECONDS).getAsString());
    }

    @Test
    public void asyncVariantsAreNotOfferedUnderNamesOfTheirOwn() {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> method("plugin@echo_echoAsync").call(params("[\"x\"]")));

        assertEquals(JsonRpcError.METHOD_NOT_FOUND, e.code());
        assertEquals("method not found: plugin@echo_echoAsync (plugin@echo offers count, echo, laterOnly)",
                e.getMessage());
    }

    @Test
    public void aMethodWithoutAnAsyncVariantRunsWhereThreadsMayBlock() throws Exception {
        assertEquals(3, method("plugin@echo_count").callAsync(null, blocking).toCompletableFuture()
                .get(5, TimeUnit.SECONDS).getAsInt());
        assertEquals(1, blockingRuns.get());
    }

    @Test
    public void theAsyncVariantsFailureIsAnsweredAsTheSynchronousOnesIs() {
        CompletionStage<JsonElement> call = method("plugin@echo_echo").callAsync(params("[\"hi\"]"), blocking);
        pluginAnswer.completeExceptionally(new IllegalStateException("plugin echo: echo failed: UNAVAILABLE"));

        JsonRpcError e = failureOf(call);
        assertEquals(JsonRpcError.SERVER_ERROR, e.code());
        assertEquals("plugin echo: echo failed: UNAVAILABLE", e.getMessage());
    }

    @Test
    public void badParamsAreRefusedBeforeThePluginIsCalled() {
        JsonRpcError e = failureOf(method("plugin@echo_echo").callAsync(params("[1]"), blocking));

        assertEquals(JsonRpcError.INVALID_PARAMS, e.code());
        assertEquals(0, blockingRuns.get());
    }

    @Test
    public void aPluginThatIsNotRunningIsAnsweredAsBeforeByTheSynchronousWay() {
        host.services.clear();
        host.plugins.set(0, FakeHost.failed("echo", "exited with code 2"));

        JsonRpcError asynchronous = failureOf(method("plugin@echo_echo").callAsync(params("[\"hi\"]"), blocking));
        JsonRpcError synchronous = assertThrows(JsonRpcError.class,
                () -> method("plugin@echo_echo").call(params("[\"hi\"]")));

        assertEquals(synchronous.code(), asynchronous.code());
        assertEquals(synchronous.getMessage(), asynchronous.getMessage());
        assertTrue(asynchronous.getMessage(), asynchronous.getMessage().startsWith("plugin echo is not serving"));
        assertEquals(1, blockingRuns.get());
    }

    private RpcMethod method(String name) {
        return plugins.find(name).orElseThrow();
    }

    private static JsonElement params(String json) {
        return JsonParser.parseString(json);
    }

    private static JsonRpcError failureOf(CompletionStage<JsonElement> call) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> call.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof JsonRpcError);
        return (JsonRpcError) e.getCause();
    }
}
