package dev.pnode.central;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server in the test JVM serving a central directory, with scripted misbehaviour per path
 * (status codes, stalls, truncated or replaced bodies). Scripted replies are used up in order; then the file
 * is served normally.
 */
final class CentralServer implements AutoCloseable {

    /** How to answer one request. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange, Path file, CountDownLatch closing) throws IOException, InterruptedException;
    }

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private CentralServer(Path root, HttpServer server) {
        this.root = root;
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static CentralServer http(Path root) throws IOException {
        return new CentralServer(root, HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static CentralServer https(Path root, SSLContext serverContext) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        return new CentralServer(root, server);
    }

    URI baseUrl() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://localhost:" + server.getAddress().getPort() + "/");
    }

    /** The path of {@code url} below the base URL, as {@link #script} and {@link #hits} take it. */
    static String pathOf(URI url) {
        return url.getPath().substring(1);
    }

    void script(URI url, Reply... replies) {
        scripted.computeIfAbsent(pathOf(url), path -> new ArrayDeque<>()).addAll(java.util.List.of(replies));
    }

    int hits(URI url) {
        AtomicInteger count = hits.get(pathOf(url));
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Deque<Reply> replies = scripted.get(path);
        Reply reply = replies == null ? null : replies.poll();
        try {
            (reply == null ? serveFile() : reply).send(exchange, root.resolve(path), closing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    static Reply serveFile() {
        return (exchange, file, closing) -> {
            if (!Files.isRegularFile(file)) {
                status(404).send(exchange, file, closing);
                return;
            }
            body(Files.readAllBytes(file)).send(exchange, file, closing);
        };
    }

    static Reply status(int code) {
        return (exchange, file, closing) -> exchange.sendResponseHeaders(code, -1);
    }

    static Reply body(byte[] content) {
        return (exchange, file, closing) -> {
            exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        };
    }

    /** Sends {@code status} with a Location header pointing at {@code target}. */
    static Reply redirect(int status, URI target) {
        return (exchange, file, closing) -> {
            exchange.getResponseHeaders().set("Location", target.toString());
            exchange.sendResponseHeaders(status, -1);
        };
    }

    /** The file without a Content-Length (chunked), so only counting can enforce a size limit. */
    static Reply chunked() {
        return (exchange, file, closing) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(Files.readAllBytes(file));
            }
        };
    }

    /** Never answers (until the server closes). */
    static Reply stallBeforeHeaders() {
        return (exchange, file, closing) -> closing.await(60, TimeUnit.SECONDS);
    }

    /** Announces the whole file, sends {@code bytes} of it, then stalls. */
    static Reply stallAfter(int bytes) {
        return (exchange, file, closing) -> {
            sendPart(exchange, file, bytes);
            closing.await(60, TimeUnit.SECONDS);
        };
    }

    /** Announces the whole file, sends {@code bytes} of it, then closes the connection. */
    static Reply truncateAfter(int bytes) {
        // fewer bytes than announced: closing makes the server drop the connection
        return (exchange, file, closing) -> sendPart(exchange, file, bytes).close();
    }

    /** Announces the whole file but sends only its first {@code bytes}. */
    private static OutputStream sendPart(HttpExchange exchange, Path file, int bytes) throws IOException {
        byte[] content = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, content.length);
        OutputStream out = exchange.getResponseBody();
        out.write(content, 0, bytes);
        out.flush();
        return out;
    }
}
