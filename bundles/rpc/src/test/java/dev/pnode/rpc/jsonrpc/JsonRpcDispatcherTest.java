package dev.pnode.rpc.jsonrpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.Test;

public class JsonRpcDispatcherTest {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, RpcMethod> methods = Map.of(
            "echo", params -> {
                calls.add("echo");
                return params;
            },
            "greet", params -> {
                calls.add("greet");
                return new JsonPrimitive("Hello " + PositionalParams.oneString("greet", params) + "!");
            },
            "nothing", params -> null,
            "refuse", params -> {
                throw JsonRpcError.serverError("plugin helloworld: greeting failed: UNAVAILABLE");
            },
            "crash", params -> {
                throw new IllegalStateException("bug");
            });
    private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(
            name -> Optional.ofNullable(methods.get(name)), new RequestLimits(1 << 20, 8, 3));

    @Test
    public void answersABatchWhoseMethodsAnswerLaterInTheOrderOfItsRequests() throws Exception {
        CompletableFuture<JsonElement> first = new CompletableFuture<>();
        CompletableFuture<JsonElement> second = new CompletableFuture<>();
        Map<String, CompletableFuture<JsonElement>> answers = Map.of("first", first, "second", second);
        List<Runnable> blockingWork = new ArrayList<>();
        RpcMethod later = new AnswersLater(params -> answers.get(params.getAsJsonArray().get(0).getAsString()));
        JsonRpcDispatcher async = new JsonRpcDispatcher(name -> name.equals("later") ? Optional.of(later)
                : Optional.ofNullable(methods.get(name)), new RequestLimits(1 << 20, 8, 3));

        CompletableFuture<Optional<String>> response = async.handleAsync(async.read("["
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"later\",\"params\":[\"first\"]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"greet\",\"params\":[\"world\"]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"later\",\"params\":[\"second\"]}]"),
                method -> true, blockingWork::add).toCompletableFuture();
        assertEquals("the method without an async variant waits for a thread that may block", 1, blockingWork.size());
        blockingWork.get(0).run();
        second.complete(new JsonPrimitive("two"));
        assertFalse(response.isDone());
        first.complete(new JsonPrimitive("one"));

        JsonArray batch = JsonParser.parseString(response.get(5, TimeUnit.SECONDS).orElseThrow()).getAsJsonArray();
        assertEquals("one", batch.get(0).getAsJsonObject().get("result").getAsString());
        assertEquals("Hello world!", batch.get(1).getAsJsonObject().get("result").getAsString());
        assertEquals("two", batch.get(2).getAsJsonObject().get("result").getAsString());
        assertEquals(List.of(1, 2, 3), List.of(batch.get(0).getAsJsonObject().get("id").getAsInt(),
                batch.get(1).getAsJsonObject().get("id").getAsInt(), batch.get(2).getAsJsonObject().get("id").getAsInt()));
    }

    @Test
    public void answersACallWithItsIdAndResult() {
        JsonObject response = one("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"greet\",\"params\":[\"world\"]}");

        assertEquals("2.0", response.get("jsonrpc").getAsString());
        assertEquals(7, response.get("id").getAsInt());
        assertEquals("Hello world!", response.get("result").getAsString());
        assertFalse(response.has("error"));
    }

    @Test
    public void keepsStringIdsAndNullIdsAsGiven() {
        assertEquals("abc", one("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"nothing\"}").get("id").getAsString());
        assertTrue(one("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"nothing\"}").get("id").isJsonNull());
    }

    @Test
    public void writesANullResultExplicitly() {
        String text = dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"}").orElseThrow();

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", text);
    }

    @Test
    public void answersOnOneLineEvenWhenStringsHoldNewlines() {
        String text = dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"a\\nb\"]}")
                .orElseThrow();

        assertFalse(text.contains("\n"));
    }

    @Test
    public void passesNamedParamsAndNoParamsThrough() {
        assertEquals(JsonParser.parseString("{\"a\":1}"),
                one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"a\":1}}").get("result"));
        assertTrue(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}").get("result").isJsonNull());
        assertTrue(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":null}").get("result").isJsonNull());
    }

    @Test
    public void reportsBadJsonAsAParseErrorWithItsPosition() {
        JsonObject response = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":}");

        assertError(response, -32700, "parse error: ");
        assertTrue(message(response), message(response).contains("line 1 column 34"));
        assertFalse(message(response), message(response).contains("See https"));
        assertTrue(response.get("id").isJsonNull());
    }

    @Test
    public void doesNotSuggestLenientParsingOrShowLongPaths() {
        assertEquals("parse error: malformed JSON (only strict JSON: no comments, single quotes, unquoted names, stray"
                + " commas or text after the value) at line 1 column 1 (path $)", message(one("hello")));
        assertEquals("parse error: Expected value at line 1 column 105 (path $." + "k".repeat(78) + "...)",
                message(one("{\"" + "k".repeat(100) + "\":}")));
    }

    @Test
    public void refusesLenientJson() {
        assertError(one("{'jsonrpc':'2.0','id':1,'method':'nothing'}"), -32700, "parse error");
        assertError(one("{jsonrpc:\"2.0\",id:1,method:\"nothing\"}"), -32700, "parse error");
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\",}"), -32700, "parse error");
        assertError(one("// comment\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"}"), -32700, "parse error");
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":NaN,\"method\":\"nothing\"}"), -32700, "parse error");
    }

    @Test
    public void refusesEmptyAndTruncatedInput() {
        assertError(one(""), -32700, "parse error");
        assertError(one("   \n "), -32700, "parse error");
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1"), -32700, "parse error");
        assertError(one("[{\"jsonrpc\":\"2.0\""), -32700, "parse error");
    }

    @Test
    public void refusesTwoValuesInOneRequest() {
        JsonObject response = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"} {}");

        assertError(response, -32700, "parse error");
        assertTrue(calls.isEmpty());
    }

    @Test
    public void refusesNestingDeeperThanTheLimitWithoutCallingAnything() {
        JsonObject response = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[[[[[[[[[1]]]]]]]]]}");

        assertError(response, -32700, "parse error: Nesting limit 8 reached");
        assertTrue(calls.isEmpty());
    }

    @Test
    public void survivesAbsurdNesting() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);

        assertError(one(deep), -32700, "parse error: Nesting limit 8 reached");
    }

    @Test
    public void requiresJsonRpcVersionTwo() {
        JsonObject missing = one("{\"id\":1,\"method\":\"nothing\"}");
        assertError(missing, -32600, "invalid request: jsonrpc must be \"2.0\", got nothing");
        assertEquals(1, missing.get("id").getAsInt());

        assertError(one("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"nothing\"}"), -32600,
                "invalid request: jsonrpc must be \"2.0\", got the string \"1.0\"");
        assertError(one("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"nothing\"}"), -32600,
                "invalid request: jsonrpc must be \"2.0\", got the number 2.0");
    }

    @Test
    public void requiresAStringMethod() {
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1}"), -32600, "invalid request: method must be a string, got nothing");
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1}"), -32600,
                "invalid request: method must be a string, got the number 1");
    }

    @Test
    public void refusesIdsThatAreNotStringsNumbersOrNull() {
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"nothing\"}"), -32600,
                "invalid request: id must be a string, a number or null, got an object");
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"nothing\"}"), -32600,
                "invalid request: id must be a string, a number or null, got the boolean true");
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"nothing\"}"), -32600, "invalid request: id");
    }

    @Test
    public void refusesParamsThatAreNeitherArrayNorObject() {
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":\"bar\"}"), -32600,
                "invalid request: params must be an array or an object, got the string \"bar\"");
        assertTrue(calls.isEmpty());
    }

    @Test
    public void refusesValuesThatAreNotRequests() {
        assertError(one("42"), -32600, "invalid request: expected a JSON object, got the number 42");
        assertError(one("\"hello\""), -32600, "invalid request: expected a JSON object, got the string \"hello\"");
        assertError(one("null"), -32600, "invalid request: expected a JSON object, got null");
    }

    @Test
    public void namesAnUnknownMethod() {
        JsonObject response = one("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_blockNumber\"}");

        assertError(response, -32601, "method not found: eth_blockNumber");
        assertEquals(3, response.get("id").getAsInt());
    }

    @Test
    public void passesOnTheMethodsOwnErrors() {
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"refuse\"}"), -32000,
                "plugin helloworld: greeting failed: UNAVAILABLE");
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[42]}"), -32602,
                "invalid params for greet: parameter 1 must be a string, got the number 42");
    }

    @Test
    public void turnsAMethodsBugIntoAnInternalErrorAndKeepsServing() {
        assertError(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"crash\"}"), -32603,
                "internal error in crash: java.lang.IllegalStateException: bug");
        assertEquals("Hello again!",
                one("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"greet\",\"params\":[\"again\"]}").get("result").getAsString());
    }

    @Test
    public void runsNotificationsButDoesNotAnswerThem() {
        assertEquals(Optional.empty(), dispatcher.handle("{\"jsonrpc\":\"2.0\",\"method\":\"greet\",\"params\":[\"x\"]}"));
        assertEquals(List.of("greet"), calls);
    }

    @Test
    public void doesNotAnswerFailedNotificationsEither() {
        assertEquals(Optional.empty(), dispatcher.handle("{\"jsonrpc\":\"2.0\",\"method\":\"unknown\"}"));
        assertEquals(Optional.empty(), dispatcher.handle("{\"jsonrpc\":\"2.0\",\"method\":\"refuse\"}"));
    }

    @Test
    public void answersInvalidRequestsEvenWithoutAnId() {
        assertError(one("{\"jsonrpc\":\"1.0\",\"method\":\"nothing\"}"), -32600, "invalid request");
    }

    @Test
    public void answersABatchInOrderLeavingOutNotifications() {
        JsonArray responses = batch("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"a\"]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"greet\",\"params\":[\"n\"]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"unknown\"}]");

        assertEquals(2, responses.size());
        assertEquals("Hello a!", responses.get(0).getAsJsonObject().get("result").getAsString());
        assertError(responses.get(1).getAsJsonObject(), -32601, "method not found: unknown");
        assertEquals(List.of("greet", "greet"), calls);
    }

    @Test
    public void answersEachBadBatchEntryOnItsOwn() {
        JsonArray responses = batch("[1,2,3]");

        assertEquals(3, responses.size());
        responses.forEach(response -> assertError(response.getAsJsonObject(), -32600, "invalid request"));
    }

    @Test
    public void answersNothingForABatchOfNotifications() {
        assertEquals(Optional.empty(), dispatcher.handle("[{\"jsonrpc\":\"2.0\",\"method\":\"nothing\"}]"));
    }

    @Test
    public void refusesAnEmptyBatch() {
        assertError(one("[]"), -32600, "invalid request: empty batch");
    }

    @Test
    public void refusesABatchOverTheLimitWithoutRunningAnyOfIt() {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"x\"]}";

        assertError(one("[" + String.join(",", request, request, request, request) + "]"), -32600,
                "invalid request: batch of 4 requests exceeds the limit of 3");
        assertTrue(calls.isEmpty());
    }

    @Test
    public void ignoresUnknownMembers() {
        assertEquals("Hello x!", one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"x\"],"
                + "\"extra\":{\"deep\":[1]}}").get("result").getAsString());
    }

    /**
     * Requests of every kind, for checking that the one-pass reading of the common request answers as the general
     * path (gson's tree, which a batch always takes) does; {@code refuse} is not granted to the caller.
     */
    private final Predicate<String> notRefuse = method -> !method.equals("refuse");
    private static final List<String> REQUESTS = List.of(
            // the common shape, each member in turn varied
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"world\"]}",
            "{\"method\":\"greet\",\"params\":[\"w\\u00f6rld \\u2028 <b> \\\"q\\\" \\ud83d\\ude00\"],\"id\":\"a\",\"jsonrpc\":\"2.0\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1.50,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":-0,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890123,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"nothing\",\"params\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"\",\"method\":\"echo\",\"params\":[]}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[1.0,true,null,\"s\",{\"k\":[{}]},[]]}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":{\"a\":1,\"a\":2}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\",\"params\":[2,4000000000]}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\",\"params\":[2,1.5]}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\",\"params\":[2]}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\",\"params\":{\"a\":2}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"greet\",\"params\":[42]}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"greet\",\"params\":[null]}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"greet\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"eth_blockNumber\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"refuse\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"crash\"}",
            // notifications: nothing answered, whatever happens
            "{\"jsonrpc\":\"2.0\",\"method\":\"greet\",\"params\":[\"x\"]}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"unknown\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"refuse\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"greet\",\"params\":[1]}",
            // what only the general path reads
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"greet\",\"params\":[\"x\"],\"extra\":{\"deep\":[1]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"id\":10,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"refuse\",\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"1.0\",\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"echo\",\"params\":[1],\"params\":null}",
            "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"1.0\",\"id\":9,\"method\":\"nothing\"}",
            "{\"id\":10,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"1.0\",\"id\":10,\"method\":\"nothing\"}",
            "{\"jsonrpc\":2.0,\"id\":10,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":10}",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"nothing\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"echo\",\"params\":\"bar\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"echo\",\"params\":7}",
            "{\"jsonrpc\":\"1.0\",\"method\":\"nothing\"}",
            "{\"method\":\"refuse\"}",
            "{}",
            "42",
            "\"hello\"",
            "null");

    @Test
    public void answersEveryRequestAloneAsInsideABatch() {
        for (String request : REQUESTS) {
            Optional<String> alone = dispatcher.handle(request, notRefuse);
            Optional<String> inBatch = dispatcher.handle("[" + request + "]", notRefuse);
            assertEquals(request, inBatch, alone.map(answer -> "[" + answer + "]"));
        }
    }

    @Test
    public void namesTheSameMethodsForAccessChecks() {
        for (String request : REQUESTS) {
            assertEquals(request, dispatcher.methodsCalled(dispatcher.read("[" + request + "]")),
                    dispatcher.methodsCalled(dispatcher.read(request)));
        }
    }

    /**
     * The errors of reading (which a batch of one reports at other positions), as the build before the one-pass reader
     * answered them, to the byte.
     */
    @Test
    public void givesTheParseErrorsOfTheGeneralPath() {
        assertEquals(parseError(MALFORMED + "at line 1 column 46 (path $)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"} {}").orElseThrow());
        assertEquals(parseError(MALFORMED + "at line 1 column 45 (path $)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"}{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nothing\"}").orElseThrow());
        assertEquals(parseError(MALFORMED + "at line 1 column 45 (path $)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"}]").orElseThrow());
        assertEquals(parseError(MALFORMED + "at line 1 column 46 (path $)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"} 5").orElseThrow());
        assertEquals(parseError(MALFORMED + "at line 2 column 2 (path $)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"}\n\"x\"").orElseThrow());
        assertEquals(parseError("Nesting limit 8 reached at line 1 column 58 (path $.params[0][0][0][0][0][0][0])"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[[[[[[[[1]]]]]]]]}").orElseThrow());
        assertEquals(parseError("unexpected end of input at line 1 column 43 (path $.method)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"").orElseThrow());
        assertEquals(parseError("Expected name at line 1 column 45 (path $.method)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\",}").orElseThrow());
        assertEquals(parseError(MALFORMED + "at line 1 column 23 (path $.id)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":NaN,\"method\":\"nothing\"}").orElseThrow());
        assertEquals(parseError(MALFORMED + "at line 1 column 54 (path $.params[1])"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1,]}").orElseThrow());
        assertEquals(parseError("Invalid escape sequence at line 1 column 40 (path $.method)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bad\\x\"}").orElseThrow());
        assertEquals(parseError("empty request"),
                dispatcher.handle("").orElseThrow());
        assertEquals(parseError("Nesting limit 8 reached at line 1 column 86 (path $.params.a.b.c.d.e.f.g)"),
                dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{}}}}}}}}}").orElseThrow());
    }

    private static final String MALFORMED = "malformed JSON (only strict JSON: no comments, single quotes, unquoted"
            + " names, stray commas or text after the value) ";

    private static String parseError(String message) {
        return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error: " + message + "\"}}";
    }

    private JsonObject one(String request) {
        return JsonParser.parseString(dispatcher.handle(request).orElseThrow()).getAsJsonObject();
    }

    private JsonArray batch(String request) {
        return JsonParser.parseString(dispatcher.handle(request).orElseThrow()).getAsJsonArray();
    }

    private static String message(JsonObject response) {
        return response.getAsJsonObject("error").get("message").getAsString();
    }

    static void assertError(JsonObject response, int code, String messageStart) {
        JsonElement error = response.get("error");
        assertTrue("expected an error, got " + response, error != null && error.isJsonObject());
        assertFalse(response.has("result"));
        assertEquals(response.toString(), code, error.getAsJsonObject().get("code").getAsInt());
        String message = error.getAsJsonObject().get("message").getAsString();
        assertTrue("message \"" + message + "\" should start with \"" + messageStart + "\"",
                message.startsWith(messageStart));
    }
}
