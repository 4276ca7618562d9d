package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HealthCheck;
import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.VirtualHosts;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.pnode.rpc.jsonrpc.AnswersLater;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.PositionalParams;
import dev.pnode.rpc.jsonrpc.RequestLimits;
import dev.pnode.rpc.jsonrpc.RpcMethod;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** A real Jetty endpoint on a free localhost port, called with the JDK's HTTP client. */
public class HttpEndpointTest {

    private static final String GREET = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"world\"]}";

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    /** HTTP/1.1, as JSON-RPC clients talk (the JDK client's default asks each new connection for an h2c upgrade). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpEndpoint endpoint;
    private URI uri;

    @Before
    public void start() throws IOException {
        endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), dispatcherGreeting(),
                HttpLimits.DEFAULT.withMaxBodyBytes(1024));
        endpoint.start();
        uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/");
    }

    @After
    public void stop() {
        endpoint.close();
    }

    @Test
    public void answersAPostedRequest() throws Exception {
        HttpResponse<String> response = post(GREET, "application/json");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Hello world!", JsonParser.parseString(response.body()).getAsJsonObject().get("result").getAsString());
    }

    @Test
    public void acceptsACharsetInTheContentType() throws Exception {
        assertEquals(200, post(GREET, "application/json; charset=utf-8").statusCode());
    }

    @Test
    public void answersABatch() throws Exception {
        HttpResponse<String> response = post("[" + GREET + "," + GREET + "]", "application/json");

        assertEquals(2, JsonParser.parseString(response.body()).getAsJsonArray().size());
    }

    @Test
    public void answersNotificationsWithNoContent() throws Exception {
        HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"method\":\"greet\",\"params\":[\"x\"]}",
                "application/json");

        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    public void answersBadJsonWithAParseError() throws Exception {
        HttpResponse<String> response = post("{oops", "application/json");

        assertEquals(200, response.statusCode());
        assertEquals(-32700, error(response).get("code").getAsInt());
    }

    @Test
    public void refusesABodyOverTheLimit() throws Exception {
        HttpResponse<String> response = post("[" + "1,".repeat(1000) + "1]", "application/json");

        assertEquals(413, response.statusCode());
        assertEquals("invalid request: request body larger than the limit of 1024 bytes",
                error(response).get("message").getAsString());
    }

    /** Without a declared length the limit is found while reading. */
    @Test
    public void refusesAChunkedBodyOverTheLimit() throws Exception {
        byte[] body = ("[" + "1,".repeat(1000) + "1]").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
    }

    @Test
    public void refusesOtherContentTypes() throws Exception {
        HttpResponse<String> response = post(GREET, "application/x-www-form-urlencoded");

        assertEquals(415, response.statusCode());
        assertTrue(error(response).get("message").getAsString()
                .startsWith("invalid request: Content-Type must be application/json"));
    }

    /** geth answers an empty GET of the root so that load balancers can probe the port. */
    @Test
    public void answersAnEmptyGetOfTheRootLikeGeth() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    public void findsNothingToGetElsewhere() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri.resolve("/debug")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
    }

    @Test
    public void refusesOtherMethods() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.ofString(GREET)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("POST, GET, OPTIONS", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    public void refusesRequestsAddressedToOtherHostNames() throws Exception {
        assertEquals(403, postWithHost("attacker.example:8545").statusCode());
        assertEquals(403, postWithHost("localhost.attacker.example").statusCode());
        assertTrue(JsonParser.parseString(postWithHost("attacker.example").body()).getAsJsonObject()
                .getAsJsonObject("error").get("message").getAsString()
                .startsWith("invalid request: invalid host specified: attacker.example is not one of"));
    }

    @Test
    public void acceptsRequestsAddressedToLocalhost() throws Exception {
        assertEquals(200, postWithHost("localhost:8545").statusCode());
        assertEquals(200, postWithHost("LOCALHOST").statusCode());
        assertEquals(200, postWithHost("127.0.0.1").statusCode());
        assertEquals(200, postWithHost("[::1]:8545").statusCode());
    }

    @Test
    public void answersCorsOnlyForAllowedOrigins() throws Exception {
        endpoint.close();
        endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), dispatcherGreeting(),
                HttpLimits.DEFAULT, HttpAccess.OPEN, VirtualHosts.LOCALHOST, AllowedOrigins.parse("https://app.example"),
                HealthCheck.NONE);
        endpoint.start();
        uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/");

        HttpResponse<String> allowed = client.send(HttpRequest.newBuilder(uri).header("Origin", "https://app.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GREET)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = client.send(HttpRequest.newBuilder(uri).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GREET)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> preflight = client.send(HttpRequest.newBuilder(uri).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refusedPreflight = client.send(HttpRequest.newBuilder(uri)
                .header("Origin", "https://evil.example").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals("https://app.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertEquals(403, refusedPreflight.statusCode());
    }

    @Test
    public void answersHealthWithItsStatusAndBody() throws Exception {
        endpoint.close();
        java.util.concurrent.atomic.AtomicBoolean serving = new java.util.concurrent.atomic.AtomicBoolean(true);
        endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), dispatcherGreeting(), HttpLimits.DEFAULT,
                HttpAccess.OPEN, VirtualHosts.LOCALHOST, AllowedOrigins.NONE, () -> new HealthCheck.Health(
                        serving.get(), serving.get() ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}"));
        endpoint.start();
        URI health = URI.create("http://127.0.0.1:" + endpoint.port() + "/health");

        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(health).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        serving.set(false);
        HttpResponse<String> down = client.send(HttpRequest.newBuilder(health).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, ok.statusCode());
        assertEquals("{\"status\":\"ok\"}", ok.body());
        assertEquals(503, down.statusCode());
        assertEquals("application/json", down.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":\"unavailable\"}", down.body());
    }

    @Test
    public void keepsServingAfterRefusals() throws Exception {
        post("[" + "1,".repeat(1000) + "1]", "application/json");
        post("{oops", "application/json");

        assertEquals(200, post(GREET, "application/json").statusCode());
    }

    /**
     * A refusal sent before the body is read tells the client that the connection closes: the rest of the body is
     * still on its way, so the connection cannot serve another request, and a keep-alive client that reused it got
     * no bytes back for its next request.
     */
    @Test
    public void refusalsBeforeTheBodyIsReadCloseTheConnection() throws Exception {
        String tooLarge = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2001\r\n\r\n[1,";
        String wrongType = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 100\r\n\r\n[1,";
        String otherHost = "POST / HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n[1,";

        for (String request : List.of(tooLarge, wrongType, otherHost)) {
            String head = responseHead(request);
            assertTrue(head, head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"));
        }
    }

    @Test
    public void answeredRequestsKeepTheConnection() throws Exception {
        byte[] body = GREET.getBytes(StandardCharsets.UTF_8);
        String head = responseHead("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n" + GREET);

        assertTrue(head, head.startsWith("HTTP/1.1 200"));
        assertTrue(head, !head.toLowerCase(Locale.ROOT).contains("connection: close"));
    }

    /** A body whose first part came with the headers and the rest later is read whole: the part read first counts. */
    @Test
    public void answersABodyThatArrivesInParts() throws Exception {
        byte[] body = GREET.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(200);
            out.write(body, 10, body.length - 10);
            out.flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(raw, raw.startsWith("HTTP/1.1 200"));
            assertTrue(raw, raw.contains("\"result\":\"Hello world!\""));
        }
    }

    /** Sends the request's bytes as given, reads the response's status line and headers. */
    private String responseHead(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return RawHttp.readUntil(socket.getInputStream(), "\r\n\r\n");
        }
    }

    /**
     * A plugin method with an asynchronous variant holds no server thread while the plugin thinks: more such calls
     * can wait at once than the server has threads (64), and other requests are still answered meanwhile.
     */
    @Test
    public void callsWaitingForAPluginHoldNoServerThread() throws Exception {
        int waiting = 100;
        CountDownLatch started = new CountDownLatch(waiting);
        CompletableFuture<JsonElement> pluginAnswer = new CompletableFuture<>();
        RpcMethod slow = new AnswersLater(params -> {
            started.countDown();
            return pluginAnswer;
        });
        endpoint.close();
        endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), new JsonRpcDispatcher(
                name -> name.equals("slow") ? Optional.of(slow) : Optional.empty(), RequestLimits.DEFAULT),
                HttpLimits.DEFAULT);
        endpoint.start();
        uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/");
        HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            calls.add(http1.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + i
                            + ",\"method\":\"slow\"}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        started.await();
        HttpResponse<String> meanwhile = http1.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        pluginAnswer.complete(new JsonPrimitive("done"));

        assertEquals(200, meanwhile.statusCode());
        for (int i = 0; i < waiting; i++) {
            JsonObject answer = JsonParser.parseString(calls.get(i).get().body()).getAsJsonObject();
            assertEquals(i, answer.get("id").getAsInt());
            assertEquals("done", answer.get("result").getAsString());
        }
    }

    static JsonRpcDispatcher dispatcherGreeting() {
        return new JsonRpcDispatcher(name -> name.equals("greet")
                ? Optional.of(params -> new JsonPrimitive("Hello " + PositionalParams.oneString("greet", params) + "!"))
                : Optional.empty(), RequestLimits.DEFAULT);
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JDK client will not set Host itself, so talk HTTP/1.1 over a plain socket. */
    private Raw postWithHost(String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            byte[] body = GREET.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            String responseBody = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            return new Raw(status, responseBody);
        }
    }

    private record Raw(int statusCode, String body) {
    }

    private static JsonObject error(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
    }
}
