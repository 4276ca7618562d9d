package dev.pnode.rpc.jsonrpc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.pnode.api.json.GsonMessages;
import dev.pnode.api.observation.Observers;
import dev.pnode.api.observation.RpcObserver;
import dev.pnode.rpc.jsonrpc.Responses.Response;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * JSON-RPC 2.0 request handling independent of any transport: parses a request or batch strictly, checks it
 * against the spec and the {@link RequestLimits}, calls the methods and builds the response text. The common request
 * (one object of the four members) is read in one pass ({@link SingleRequestReader}); batches and anything unusual
 * go through gson's tree, which is also where every error is found.
 */
public final class JsonRpcDispatcher {

    private static final System.Logger LOG = System.getLogger(JsonRpcDispatcher.class.getName());

    private static final String UNKNOWN = "unknown";
    private static final Observers<RpcObserver> OBSERVERS = Observers.of(RpcObserver.class, JsonRpcDispatcher.class);

    private final MethodRegistry methods;
    private final String transport;
    private final RequestLimits limits;

    public JsonRpcDispatcher(MethodRegistry methods, RequestLimits limits) {
        this(methods, limits, UNKNOWN);
    }

    /** @param transport the endpoint's name for the {@link RpcObserver}s: {@code ipc}, {@code http}, ... */
    public JsonRpcDispatcher(MethodRegistry methods, RequestLimits limits, String transport) {
        this.methods = methods;
        this.limits = limits;
        this.transport = transport;
    }

    /**
     * Handles one request or batch.
     *
     * @return the response text (one line), or empty when there is nothing to answer (only notifications)
     */
    public Optional<String> handle(String requestText) {
        return handle(requestText, method -> true);
    }

    /**
     * Handles one request or batch, calling only the methods {@code mayCall} allows; the others are answered with
     * {@link JsonRpcError#ACCESS_DENIED}.
     */
    public Optional<String> handle(String requestText, Predicate<String> mayCall) {
        return handle(read(requestText), mayCall);
    }

    /**
     * A request or batch read once, for {@link #methodsCalled(Parsed)} and then {@link #handle(Parsed, Predicate)}:
     * exactly one of a common request, a JSON tree (a batch, or a request to check member by member) or the error
     * that reading it gave.
     */
    public static final class Parsed {
        private final Request common;
        private final JsonElement tree;
        private final JsonRpcError error;

        private Parsed(Request common, JsonElement tree, JsonRpcError error) {
            this.common = common;
            this.tree = tree;
            this.error = error;
        }
    }

    /** Reads (parses) a request or batch; a parse error is answered by {@link #handle(Parsed, Predicate)}. */
    public Parsed read(String requestText) {
        Request common = SingleRequestReader.read(requestText, limits.maxDepth());
        if (common != null) {
            return new Parsed(common, null, null);
        }
        try {
            return new Parsed(null, parse(requestText), null);
        } catch (JsonRpcError e) {
            return new Parsed(null, null, e);
        }
    }

    /** Handles a request or batch already read, as {@link #handle(String, Predicate)}, on the calling thread. */
    public Optional<String> handle(Parsed parsed, Predicate<String> mayCall) {
        // every stage is complete when it is returned: the methods ran on this thread
        return handle(parsed, mayCall, JsonRpcDispatcher::callHere).toCompletableFuture().join();
    }

    /**
     * Handles a request or batch already read without holding the calling thread: methods that can answer later
     * (a plugin's asynchronous contract methods) are started here, those that can only block run on
     * {@code blocking}. The answer comes on whichever thread finished last.
     */
    public CompletionStage<Optional<String>> handleAsync(Parsed parsed, Predicate<String> mayCall, Executor blocking) {
        return handle(parsed, mayCall, (method, params) -> method.callAsync(params, blocking));
    }

    /** How a method is run: on the calling thread, or started to answer later. */
    @FunctionalInterface
    private interface Invocation {
        CompletionStage<JsonElement> start(RpcMethod method, JsonElement params);
    }

    private static CompletionStage<JsonElement> callHere(RpcMethod method, JsonElement params) {
        try {
            return CompletableFuture.completedFuture(method.call(params));
        } catch (JsonRpcError | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Optional<String>> handle(Parsed parsed, Predicate<String> mayCall, Invocation invocation) {
        if (parsed.error != null) {
            return CompletableFuture.completedFuture(Optional.of(Responses.errorText(parsed.error)));
        }
        if (parsed.common != null) {
            return observed(answer(parsed.common, mayCall, invocation), () -> calledMethod(parsed.common.method()))
                    .thenApply(response -> Optional.ofNullable(response).map(Responses::toText));
        }
        JsonElement request = parsed.tree;
        if (request.isJsonArray()) {
            return handleBatch(request.getAsJsonArray(), mayCall, invocation);
        }
        return handleOne(request, mayCall, invocation)
                .thenApply(response -> Optional.ofNullable(response).map(Responses::toText));
    }

    /**
     * The method names a request or batch calls, read the way {@link #handle} reads them, so that access can be
     * decided for the whole request first. Malformed requests and entries yield no name (handling reports them).
     */
    public List<String> methodsCalled(Parsed parsed) {
        if (parsed.common != null) {
            return List.of(parsed.common.method());
        }
        if (parsed.error != null) {
            return List.of();
        }
        JsonElement request = parsed.tree;
        List<String> names = new ArrayList<>();
        for (JsonElement element : request.isJsonArray() ? request.getAsJsonArray() : List.of(request)) {
            if (element.isJsonObject()) {
                try {
                    names.add(methodName(element.getAsJsonObject().get("method")));
                } catch (JsonRpcError notAName) {
                    // answered as an invalid request
                }
            }
        }
        return names;
    }

    private JsonElement parse(String text) throws JsonRpcError {
        if (text.isBlank()) {
            // gson reads an empty document as JSON null
            throw new JsonRpcError(JsonRpcError.PARSE_ERROR, "parse error: empty request");
        }
        JsonReader reader = SingleRequestReader.strictReader(text, limits.maxDepth());
        try {
            JsonElement value = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonRpcError(JsonRpcError.PARSE_ERROR,
                        "parse error: more than one JSON value in one request");
            }
            return value;
        } catch (JsonParseException | IOException e) {
            throw new JsonRpcError(JsonRpcError.PARSE_ERROR, "parse error: " + GsonMessages.describe(e));
        }
    }

    private CompletionStage<Optional<String>> handleBatch(JsonArray batch, Predicate<String> mayCall,
            Invocation invocation) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(Responses.toText(Responses.error(JsonNull.INSTANCE,
                    JsonRpcError.invalidRequest("empty batch")))));
        }
        if (batch.size() > limits.maxBatch()) {
            return CompletableFuture.completedFuture(Optional.of(Responses.toText(Responses.error(JsonNull.INSTANCE,
                    JsonRpcError.invalidRequest("batch of " + batch.size() + " requests exceeds the limit of "
                            + limits.maxBatch())))));
        }
        List<CompletableFuture<Response>> answers = new ArrayList<>(batch.size());
        for (JsonElement request : batch) {
            answers.add(handleOne(request, mayCall, invocation).toCompletableFuture());
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(allDone -> {
            List<Response> responses = new ArrayList<>(answers.size());
            for (CompletableFuture<Response> answer : answers) {
                Response response = answer.join();
                if (response != null) {
                    responses.add(response);
                }
            }
            return responses.isEmpty() ? Optional.empty() : Optional.of(Responses.toText(responses));
        });
    }

    /** Answers one request of the tree: checks its members, then as {@link #answer(Request, Predicate, Invocation)}. */
    private CompletionStage<Response> handleOne(JsonElement element, Predicate<String> mayCall,
            Invocation invocation) {
        return observed(answerOne(element, mayCall, invocation), () -> element.isJsonObject()
                ? calledMethod(element.getAsJsonObject().get("method")) : UNKNOWN);
    }

    /**
     * Tells the {@link RpcObserver}s (metrics) what a request called and how it ended.
     *
     * @param unserved the method to report when none was served
     */
    private CompletionStage<Response> observed(CompletionStage<Answer> answered, Supplier<String> unserved) {
        return answered.thenApply(answer -> {
            String method = answer.served() != null ? answer.served() : unserved.get();
            String outcome = answer.response() != null && answer.response().failed() ? "error" : "ok";
            OBSERVERS.tell(observer -> observer.requestAnswered(method, transport, outcome));
            return answer.response();
        });
    }

    /**
     * @param response null for a valid notification
     * @param served the method called, when it was found (saves the observers a second lookup); else null
     */
    private record Answer(Response response, String served) {
        static CompletionStage<Answer> now(Response response) {
            return CompletableFuture.completedFuture(new Answer(response, null));
        }
    }

    /** A method this endpoint serves, by name; any other is {@link #UNKNOWN}, so clients cannot grow the set. */
    private String calledMethod(JsonElement name) {
        if (name == null || !name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString()) {
            return UNKNOWN;
        }
        return calledMethod(name.getAsString());
    }

    private String calledMethod(String name) {
        return methods.find(name).isPresent() ? name : UNKNOWN;
    }

    private CompletionStage<Answer> answerOne(JsonElement element, Predicate<String> mayCall, Invocation invocation) {
        if (!element.isJsonObject()) {
            return Answer.now(Responses.error(JsonNull.INSTANCE,
                    JsonRpcError.invalidRequest("expected a JSON object, got " + JsonKinds.describe(element))));
        }
        JsonObject request = element.getAsJsonObject();
        boolean notification = !request.has("id");
        JsonElement id = notification ? JsonNull.INSTANCE : request.get("id");
        if (!isValidId(id)) {
            return Answer.now(Responses.error(JsonNull.INSTANCE,
                    JsonRpcError.invalidRequest("id must be a string, a number or null, got " + JsonKinds.describe(id))));
        }
        String method;
        JsonElement params;
        try {
            checkVersion(request.get("jsonrpc"));
            method = methodName(request.get("method"));
            params = params(request.get("params"));
        } catch (JsonRpcError e) {
            return Answer.now(Responses.error(id, e));
        }
        return answer(new Request(method, notification ? null : id, params), mayCall, invocation);
    }

    private CompletionStage<Answer> answer(Request request, Predicate<String> mayCall, Invocation invocation) {
        String method = request.method();
        if (!mayCall.test(method)) {
            return Answer.now(request.notification() ? null
                    : Responses.error(request.id(), JsonRpcError.accessDenied(method)));
        }
        Optional<RpcMethod> target = methods.find(method);
        if (target.isEmpty()) {
            return Answer.now(request.notification() ? null
                    : Responses.error(request.id(), JsonRpcError.methodNotFound(method)));
        }
        CompletionStage<JsonElement> result;
        try {
            result = invocation.start(target.get(), request.params());
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, failure) -> {
            if (request.notification()) {
                return new Answer(null, method);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                return new Answer(Responses.success(request.id(), value), method);
            }
            if (cause instanceof JsonRpcError e) {
                return new Answer(Responses.error(request.id(), e), method);
            }
            LOG.log(Level.WARNING, "JSON-RPC method " + method + " failed unexpectedly", cause);
            return new Answer(Responses.error(request.id(), new JsonRpcError(JsonRpcError.INTERNAL_ERROR,
                    "internal error in " + method + ": " + cause)), method);
        });
    }

    private static boolean isValidId(JsonElement id) {
        return id.isJsonNull() || id.isJsonPrimitive() && !id.getAsJsonPrimitive().isBoolean();
    }

    private static void checkVersion(JsonElement version) throws JsonRpcError {
        if (version == null || !version.isJsonPrimitive() || !version.getAsJsonPrimitive().isString()
                || !version.getAsString().equals("2.0")) {
            throw JsonRpcError.invalidRequest("jsonrpc must be \"2.0\", got "
                    + (version == null ? "nothing" : JsonKinds.describe(version)));
        }
    }

    private static String methodName(JsonElement method) throws JsonRpcError {
        if (method == null || !method.isJsonPrimitive() || !method.getAsJsonPrimitive().isString()) {
            throw JsonRpcError.invalidRequest("method must be a string, got "
                    + (method == null ? "nothing" : JsonKinds.describe(method)));
        }
        return method.getAsString();
    }

    /** A missing or null {@code params} means none; anything but an array or object is refused. */
    private static JsonElement params(JsonElement params) throws JsonRpcError {
        if (params == null || params.isJsonNull()) {
            return null;
        }
        if (!params.isJsonArray() && !params.isJsonObject()) {
            throw JsonRpcError.invalidRequest("params must be an array or an object, got " + JsonKinds.describe(params));
        }
        return params;
    }
}
