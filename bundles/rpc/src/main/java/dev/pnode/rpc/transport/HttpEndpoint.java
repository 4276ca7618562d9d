package dev.pnode.rpc.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JSON-RPC over HTTP POST with the JDK's own server (no extra bundles, and enough for a localhost API): the same
 * semantics as the IPC endpoint, one request or batch per body, {@code application/json} only, bodies over the
 * size limit refused with 413 before they are read, and on a loopback address only requests addressed to localhost
 * (no DNS rebinding from web pages). With {@link ServerTls} it serves HTTPS, and {@link HttpAccess} decides who may
 * call what: 401 or 503 before the body is read, 403 when the body calls a method the caller may not call.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpEndpoint.class.getName());
    private static final int BACKLOG = 64;
    private static final int QUEUED_EXCHANGES = 256;
    private static final String SLOW_CLIENT_SECONDS = "60";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final JsonRpcDispatcher dispatcher;
    private final int maxBodyBytes;
    private final int threads;
    private final HttpAccess access;
    /** Where to listen; after the first start the port actually bound, so that a re-bind keeps it. */
    private InetSocketAddress address;
    private HttpServer server;
    private ThreadPoolExecutor executor;

    /** An open endpoint: everyone may call everything. */
    public HttpEndpoint(InetSocketAddress address, JsonRpcDispatcher dispatcher, int maxBodyBytes, int threads) {
        this(address, dispatcher, maxBodyBytes, threads, HttpAccess.OPEN);
    }

    /**
     * @param threads requests handled at once; more wait in a bounded queue, then slow down accepting
     * @param access who may call what, asked on every request
     */
    public HttpEndpoint(InetSocketAddress address, JsonRpcDispatcher dispatcher, int maxBodyBytes, int threads,
            HttpAccess access) {
        this.address = address;
        this.dispatcher = dispatcher;
        this.maxBodyBytes = maxBodyBytes;
        this.threads = threads;
        this.access = access;
    }

    /** Serves plain HTTP. */
    public synchronized void start() throws IOException {
        start(Optional.empty());
    }

    /** Serves HTTPS with {@code tls} when given, plain HTTP otherwise. */
    public synchronized void start(Optional<ServerTls> tls) throws IOException {
        limitSlowClients();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_EXCHANGES), DaemonThreads.named("pnode-http"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        listen(tls);
    }

    /**
     * Stops listening and listens again on the same port with other TLS material (the security plugin reloaded).
     * Requests in flight on the old server are cut off; new connections get the new certificate.
     */
    public synchronized void rebind(Optional<ServerTls> tls) throws IOException {
        if (server == null) {
            throw new IllegalStateException("the HTTP endpoint is not started");
        }
        server.stop(0);
        server = null;
        listen(tls);
    }

    private void listen(Optional<ServerTls> tls) throws IOException {
        try {
            server = tls.isPresent() ? httpsServer(tls.get()) : HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            throw new IOException("cannot listen for HTTP JSON-RPC on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        address = new InetSocketAddress(address.getAddress(), server.getAddress().getPort());
        LOG.log(Level.INFO, "JSON-RPC HTTP endpoint listening on {0}", url());
    }

    private HttpsServer httpsServer(ServerTls tls) throws IOException {
        HttpsServer https = HttpsServer.create(address, BACKLOG);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.context()) {
            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setSSLParameters(tls.parameters());
            }
        });
        return https;
    }

    /** E.g. {@code https://127.0.0.1:8545/}. */
    public synchronized String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://" + address.getHostString() + ":" + port() + "/";
    }

    /**
     * The JDK server waits for a slow request or a client that does not read its response forever, each holding a
     * thread; these JVM-wide settings (read once, when the JDK's server is first used) make it close them. A value
     * set on the command line wins.
     */
    private static void limitSlowClients() {
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", SLOW_CLIENT_SECONDS);
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", SLOW_CLIENT_SECONDS);
    }

    /** The port actually bound (useful when 0 was asked for). */
    public synchronized int port() {
        return server != null ? server.getAddress().getPort() : address.getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405, Optional.of(refusal("HTTP method " + exchange.getRequestMethod()
                        + " not allowed: send JSON-RPC requests with POST")));
                return;
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!hostAllowed(host)) {
                reply(exchange, 403, Optional.of(refusal("Host " + host + " not allowed: this endpoint listens on a "
                        + "loopback address and answers only requests addressed to localhost")));
                return;
            }
            HttpAccess.Admission admission = access.admit(
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
            Optional<HttpAccess.Refusal> refusal = admission.refusal();
            if (refusal.isPresent()) {
                refuse(exchange, refusal.get());
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                reply(exchange, 415, Optional.of(refusal("Content-Type must be application/json, got "
                        + (contentType == null ? "none" : contentType))));
                return;
            }
            Optional<String> body = readBody(exchange);
            if (body.isEmpty()) {
                reply(exchange, 413, Optional.of(refusal("request body larger than the limit of " + maxBodyBytes
                        + " bytes")));
                return;
            }
            // an open endpoint reads every request once, as it always did
            Optional<String> forbidden = admission == HttpAccess.Admission.EVERYTHING ? Optional.empty()
                    : dispatcher.methodsCalled(body.get()).stream().filter(method -> !admission.mayCall(method))
                            .findFirst();
            if (forbidden.isPresent()) {
                reply(exchange, 403, Optional.of(Responses.errorText(new JsonRpcError(JsonRpcError.ACCESS_DENIED,
                        JsonRpcError.accessDenied(forbidden.get()).getMessage()
                                + ": the access token does not grant it"))));
                return;
            }
            Optional<String> response = dispatcher.handle(body.get(), admission::mayCall);
            reply(exchange, response.isPresent() ? 200 : 204, response);
        }
    }

    /**
     * Guards a loopback endpoint against DNS rebinding: a web page whose name the attacker points at 127.0.0.1
     * could otherwise post to it from the user's browser. Clients without a Host header are not browsers.
     */
    private boolean hostAllowed(String host) {
        if (host == null || !address.getAddress().isLoopbackAddress()) {
            return true;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            name = close < 0 ? name : name.substring(0, close + 1);
        } else if (name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        return LOOPBACK_NAMES.contains(name);
    }

    /** Empty when the body is over the limit (checked on the declared length first, then while reading). */
    private Optional<String> readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // the server itself refuses such requests; read and let the limit decide
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? Optional.empty()
                    : Optional.of(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** 401 carries the challenge of RFC 6750; the message never contains the token. */
    private static void refuse(HttpExchange exchange, HttpAccess.Refusal refusal) throws IOException {
        if (refusal.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        int code = refusal.status() == 401 ? JsonRpcError.ACCESS_DENIED : JsonRpcError.SERVER_ERROR;
        reply(exchange, refusal.status(), Optional.of(Responses.errorText(new JsonRpcError(code, refusal.message()))));
    }

    private static String refusal(String message) {
        return Responses.errorText(JsonRpcError.invalidRequest(message));
    }

    private static void reply(HttpExchange exchange, int status, Optional<String> body) throws IOException {
        if (body.isEmpty()) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
