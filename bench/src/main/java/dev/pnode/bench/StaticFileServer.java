package dev.pnode.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * A local plugin central for figure 6: serves a directory over HTTP (GET only), in its own JVM so that serving does
 * not compete with the measured client inside one process. Prints {@code port=N} once listening, then serves until
 * killed. The same server answers both pnode's central client and curl.
 *
 * <p>Usage: StaticFileServer DIRECTORY
 */
public final class StaticFileServer {

    private StaticFileServer() {
    }

    public static void main(String[] arguments) throws IOException {
        Path root = Path.of(arguments[0]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> serve(root, exchange));
        server.start();
        System.out.println("port=" + server.getAddress().getPort());
        System.out.flush();
    }

    private static void serve(Path root, HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!exchange.getRequestMethod().equals("GET") || !file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(file));
            // large writes: the server must not be what limits either client
            byte[] buffer = new byte[1024 * 1024];
            try (InputStream in = Files.newInputStream(file); OutputStream body = exchange.getResponseBody()) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    body.write(buffer, 0, n);
                }
            }
        }
    }
}
