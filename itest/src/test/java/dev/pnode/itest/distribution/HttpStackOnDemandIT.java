package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A default node without {@code --http}, {@code --ws} or {@code --metrics} boots without the HTTP stack (Felix HTTP
 * Jetty 12, SPI Fly, WebSocket and pnode-rpc-http are not even installed), and {@code admin_startHTTP} /
 * {@code admin_startWS} over IPC install and start the stack and the endpoints on the running node, on the ports of
 * its settings. A later start without them has none of the stack's bundles again, whatever the start before had.
 */
public class HttpStackOnDemandIT {

    private static final String JETTY_BUNDLE = "org.apache.felix.http.jetty12";
    private static final String RPC_HTTP_BUNDLE = "dev.pnode.rpc.http";

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theHttpStackStartsOnlyWhenAnEndpointIsStartedOnTheRunningNode() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        int httpPort = freePort();
        int wsPort = freePort();
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--http.port", Integer.toString(httpPort), "--ws.port", Integer.toString(wsPort))) {
            node.awaitLine("pnode started in", 120);
            assertNoHttpStack(dataDir);
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", httpPort).close());

            assertEquals("true", NodeProcess.run("rpc", "--datadir", dataDir.toString(), "admin_startHTTP").strip());

            assertTrue(bundleLine(dataDir, JETTY_BUNDLE), bundleLine(dataDir, JETTY_BUNDLE).contains("Active"));
            assertTrue(bundleLine(dataDir, RPC_HTTP_BUNDLE), bundleLine(dataDir, RPC_HTTP_BUNDLE).contains("Active"));
            HttpResponse<String> greeting = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,"
                            + "\"method\":\"plugin@helloworld_greeting\",\"params\":[\"http\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(greeting.body(), 200, greeting.statusCode());
            assertTrue(greeting.body(), greeting.body().contains("\"result\":\"Hello http!\""));
            NodeProcess.Finished again = NodeProcess.finish("rpc", "--datadir", dataDir.toString(), "admin_startHTTP");
            assertEquals(again.output(), 1, again.exitCode());
            assertTrue(again.output(), again.output().contains("HTTP JSON-RPC is already running on http://127.0.0.1:"
                    + httpPort + "/"));

            assertEquals("true", NodeProcess.run("rpc", "--datadir", dataDir.toString(), "admin_startWS").strip());
            String overWebSocket = overWebSocket(wsPort,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"plugin@helloworld_greeting\",\"params\":[\"ws\"]}");
            assertTrue(overWebSocket, overWebSocket.contains("\"result\":\"Hello ws!\""));

            assertEquals(0, node.terminate(30));
        }
        try (NodeProcess withHttp = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive", "--http",
                "--http.port", Integer.toString(httpPort))) {
            withHttp.awaitLine("pnode started in", 120);
            assertTrue(bundleLine(dataDir, JETTY_BUNDLE), bundleLine(dataDir, JETTY_BUNDLE).contains("Active"));
            assertEquals(0, withHttp.terminate(30));
        }
        try (NodeProcess without = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive")) {
            without.awaitLine("pnode started in", 120);
            assertNoHttpStack(dataDir);
            assertEquals(0, without.terminate(30));
        }
    }

    /** Neither installed in the framework nor named by the kept bundle cache's record of the boot's bundles. */
    private static void assertNoHttpStack(Path dataDir) throws Exception {
        String bundles = bundleList(dataDir);
        for (String stackBundle : List.of(JETTY_BUNDLE, "org.apache.aries.spifly.dynamic.bundle", RPC_HTTP_BUNDLE,
                "org.objectweb.asm", "org.eclipse.jetty.websocket.core.server")) {
            assertFalse(bundles, bundles.contains("|" + stackBundle + " "));
        }
        // each line starts with the bundle's location (its Maven coordinates); the file's path after it may hold
        // any word, as the checkout's own directory does
        List<String> cacheRecord = Files.readAllLines(dataDir.resolve("felix-cache/pnode-bundles"));
        assertFalse(cacheRecord.toString(), cacheRecord.stream().map(line -> line.split(" ", 2)[0])
                .anyMatch(location -> location.contains("jetty") || location.contains("spifly")));
    }

    /** The bundle's line of the shell's {@code lb -s}: id, state, level, symbolic name. */
    private static String bundleLine(Path dataDir, String symbolicName) throws Exception {
        String bundles = bundleList(dataDir);
        return bundles.lines().filter(line -> line.contains("|" + symbolicName + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " in:\n" + bundles));
    }

    /** The shell's {@code lb -s}: a line per bundle, id, state, level, symbolic name. */
    private static String bundleList(Path dataDir) throws Exception {
        NodeProcess.Finished list = NodeProcess.finish("attach", "--datadir", dataDir.toString(), "--exec", "lb -s");
        assertEquals(list.output(), 0, list.exitCode());
        return list.output();
    }

    private static String overWebSocket(int port, String request) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            answer.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(60, TimeUnit.SECONDS);
        try {
            socket.sendText(request, true).get(60, TimeUnit.SECONDS);
            return answer.get(60, TimeUnit.SECONDS);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(60, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
