package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HealthCheck;
import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.VirtualHosts;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.Responses;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One HTTP request to the JSON-RPC endpoint. In order: the Host must be one of the virtual hosts (403, geth's DNS
 * rebinding guard); CORS headers for allowed origins; {@code OPTIONS} answers preflights; {@code GET /health} the
 * node's health, {@code GET /} an empty 200; a POST must pass {@link HttpAccess} (401 or 503 before its body is
 * read), be {@code application/json} (415) and not larger than the limit (413, before reading when declared).
 * The body is read without holding a thread, within the read timeout (the connection is closed otherwise);
 * then a method the caller may not call refuses the whole request (403); the answer is written within the write
 * timeout.
 *
 * <p>The handler never blocks, so Jetty runs it on the thread that saw the request (no hand-off to another thread):
 * a plugin method with an asynchronous contract variant is started there and answered from the thread its answer
 * comes on (the plugin channel's); whatever may block (a method without such a variant, the security plugin's token
 * check, the health check, the parse of a large body) runs on the server's thread pool.
 */
final class JsonRpcHttpHandler extends Handler.Abstract {

    private static final System.Logger LOG = System.getLogger(JsonRpcHttpHandler.class.getName());
    private static final String HEALTH_PATH = "/health";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";
    private static final HttpField JSON_CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "application/json");
    /** A larger body is parsed on a pool thread, not on the thread that serves other connections' requests too. */
    static final int INLINE_PARSE_BYTES = 64 * 1024;

    private final JsonRpcDispatcher dispatcher;
    private final HttpLimits limits;
    private final HttpAccess access;
    private final VirtualHosts virtualHosts;
    private final AllowedOrigins corsOrigins;
    private final HealthCheck health;

    JsonRpcHttpHandler(JsonRpcDispatcher dispatcher, HttpLimits limits, HttpAccess access, VirtualHosts virtualHosts,
            AllowedOrigins corsOrigins, HealthCheck health) {
        super(InvocationType.NON_BLOCKING);
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.access = access;
        this.virtualHosts = virtualHosts;
        this.corsOrigins = corsOrigins;
        this.health = health;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!virtualHosts.allows(host)) {
            reply(request, response, callback, 403, refusal("invalid host specified: " + host + " is not one of "
                    + "the virtual hosts this endpoint answers (--http.vhosts)"));
            return true;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (corsOrigins.allows(origin)) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.VARY, "Origin");
        }
        switch (request.getMethod()) {
            case "POST" -> post(request, response, callback);
            case "GET" -> get(request, response, callback);
            case "OPTIONS" -> options(request, response, callback, origin);
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "POST, GET, OPTIONS");
                reply(request, response, callback, 405, refusal("HTTP method " + request.getMethod()
                        + " not allowed: send JSON-RPC requests with POST"));
            }
        }
        return true;
    }

    private void get(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals(HEALTH_PATH)) {
            blocking().execute(() -> {
                HealthCheck.Health now = health.check();
                reply(request, response, callback, now.serving() ? 200 : 503, now.json());
            });
        } else if (path.equals("/") && request.getHttpURI().getQuery() == null) {
            // geth answers an empty GET so that load balancers can probe the port
            reply(request, response, callback, 200, null);
        } else {
            reply(request, response, callback, 404, refusal("nothing at " + path
                    + ": send JSON-RPC requests with POST"));
        }
    }

    /** A browser's CORS preflight: allowed origins may POST JSON with a bearer token. */
    private void options(Request request, Response response, Callback callback, String origin) {
        if (origin != null && !corsOrigins.allows(origin)) {
            reply(request, response, callback, 403, refusal("origin " + origin + " is not allowed "
                    + "(--http.corsdomain)"));
            return;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "POST, GET, OPTIONS");
        if (origin != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "POST, GET, OPTIONS");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
        }
        reply(request, response, callback, 204, null);
    }

    private void post(Request request, Response response, Callback callback) {
        if (access.mayBlock()) {
            blocking().execute(() -> admitThenRead(request, response, callback));
        } else {
            admitThenRead(request, response, callback);
        }
    }

    private void admitThenRead(Request request, Response response, Callback callback) {
        HttpAccess.Admission admission = access.admit(
                Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
        Optional<HttpAccess.Refusal> refused = admission.refusal();
        if (refused.isPresent()) {
            refuse(request, response, callback, refused.get());
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            reply(request, response, callback, 415, refusal("Content-Type must be application/json, got "
                    + (contentType == null ? "none" : contentType)));
            return;
        }
        if (request.getLength() > limits.maxBodyBytes()) {
            tooLarge(request, response, callback);
            return;
        }
        Content.Chunk first = request.read();
        if (first != null && !Content.Chunk.isFailure(first) && first.remaining() == request.getLength()
                && first.remaining() <= INLINE_PARSE_BYTES) {
            // the whole body came with the headers (the usual small request): parsed straight from Jetty's buffer,
            // without the accumulator's future and copy
            String text;
            try {
                text = text(first.getByteBuffer());
            } finally {
                first.release();
            }
            answer(request, response, callback, admission, text);
            return;
        }
        Request unread = first == null ? request : new FirstChunkUnread(request, first);
        Deadline deadline = new Deadline(endPoint(request));
        // armed after the completion is hooked: a body that comes while it is accumulated is often complete at once
        Content.Source.asByteBufferAsync(unread, limits.maxBodyBytes()).whenComplete((bytes, failure) -> {
            deadline.done();
            if (failure == null) {
                if (bytes.remaining() > INLINE_PARSE_BYTES) {
                    blocking().execute(() -> answer(request, response, callback, admission, text(bytes)));
                } else {
                    answer(request, response, callback, admission, text(bytes));
                }
            } else if (Request.getContentBytesRead(request) > limits.maxBodyBytes()) {
                // Jetty stops reading at the limit and fails the read (an IOException, no type of its own)
                tooLarge(request, response, callback);
            } else {
                // the client went away or was too slow: nobody to answer
                callback.failed(failure);
            }
        });
        deadline.armUnlessDone(scheduler(), limits.readTimeout());
    }

    private void answer(Request request, Response response, Callback callback, HttpAccess.Admission admission,
            String body) {
        try {
            JsonRpcDispatcher.Parsed call = dispatcher.read(body);
            Optional<String> forbidden = admission == HttpAccess.Admission.EVERYTHING ? Optional.empty()
                    : dispatcher.methodsCalled(call).stream().filter(method -> !admission.mayCall(method))
                            .findFirst();
            if (forbidden.isPresent()) {
                send(request, response, callback, 403, Responses.errorText(new JsonRpcError(
                        JsonRpcError.ACCESS_DENIED, JsonRpcError.accessDenied(forbidden.get()).getMessage()
                                + ": the access token does not grant it")));
                return;
            }
            dispatcher.handleAsync(call, admission::mayCall, blocking()).whenComplete((answer, failure) -> {
                if (failure == null) {
                    send(request, response, callback, answer.isPresent() ? 200 : 204, answer.orElse(null));
                } else {
                    failed(request, callback, failure);
                }
            });
        } catch (RuntimeException e) {
            failed(request, callback, e);
        }
    }

    /**
     * The body as text. From a heap buffer in one copy (Latin-1 text is compacted on the way) where the charset's
     * decoder fills a CharBuffer and copies it again; from Jetty's direct request buffer through a byte array, for
     * the same reason. Malformed UTF-8 becomes U+FFFD either way.
     */
    private static String text(ByteBuffer body) {
        if (!body.hasArray()) {
            byte[] bytes = new byte[body.remaining()];
            body.duplicate().get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return new String(body.array(), body.arrayOffset() + body.position(), body.remaining(),
                StandardCharsets.UTF_8);
    }

    /** The request with a chunk of its body read already: that chunk comes first again. */
    private static final class FirstChunkUnread extends Request.Wrapper {
        private Content.Chunk first;

        FirstChunkUnread(Request request, Content.Chunk first) {
            super(request);
            this.first = first;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = first;
            if (chunk == null) {
                return super.read();
            }
            first = null;
            return chunk;
        }
    }

    /** A client that hung up is no news; anything else is a bug. */
    private static void failed(Request request, Callback callback, Throwable failure) {
        LOG.log(endPoint(request).isOpen() ? Level.ERROR : Level.DEBUG, "HTTP JSON-RPC request failed unexpectedly",
                failure);
        callback.failed(failure);
    }

    private void tooLarge(Request request, Response response, Callback callback) {
        reply(request, response, callback, 413, refusal("request body larger than the limit of "
                + limits.maxBodyBytes() + " bytes"));
    }

    /** 401 carries the challenge of RFC 6750; the message never contains the token. */
    private void refuse(Request request, Response response, Callback callback, HttpAccess.Refusal refusal) {
        if (refusal.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        int code = refusal.status() == 401 ? JsonRpcError.ACCESS_DENIED : JsonRpcError.SERVER_ERROR;
        reply(request, response, callback, refusal.status(),
                Responses.errorText(new JsonRpcError(code, refusal.message())));
    }

    private static String refusal(String message) {
        return Responses.errorText(JsonRpcError.invalidRequest(message));
    }

    /**
     * Answers a request whose body may not have been read (a refusal, a GET): what of it has arrived is consumed, and
     * if more is on its way Jetty's HTTP/1 stream makes the connection non-persistent, so the response says
     * {@code Connection: close}. Otherwise a keep-alive client reuses a connection that Jetty closes after the
     * response, and its next request gets no bytes back.
     *
     * @param body JSON, or null for none
     */
    private void reply(Request request, Response response, Callback callback, int status, String body) {
        request.consumeAvailable();
        send(request, response, callback, status, body);
    }

    /** @param body JSON, or null for none */
    private void send(Request request, Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        ByteBuffer bytes = null;
        if (body != null) {
            response.getHeaders().put(JSON_CONTENT_TYPE);
            bytes = ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
        }
        Deadline deadline = new Deadline(endPoint(request));
        response.write(true, bytes == null ? BufferUtil.EMPTY_BUFFER : bytes, Callback.from(callback, deadline::done));
        deadline.armUnlessDone(scheduler(), limits.writeTimeout());
    }

    /**
     * Where work that may block runs: the server's thread pool, the one its connector runs on. Taken from the server,
     * not from the request's components, which lock the request's state for every look (the answering thread then
     * waited for a Jetty thread still returning from this handler) and are gone once the request completed.
     */
    private Executor blocking() {
        return getServer().getThreadPool();
    }

    /** The server's scheduler, the one its connector times out with; see {@link #blocking}. */
    private Scheduler scheduler() {
        return getServer().getScheduler();
    }

    private static EndPoint endPoint(Request request) {
        return request.getConnectionMetaData().getConnection().getEndPoint();
    }
}
