package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.transport.HttpLimits;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** A real Jetty WebSocket endpoint on a free localhost port, called with the JDK's WebSocket client. */
public class WebSocketEndpointTest {

    private static final String GREET = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"world\"]}";

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private WebSocketEndpoint endpoint;
    private URI uri;

    @Before
    public void start() throws Exception {
        endpoint = new WebSocketEndpoint(new InetSocketAddress("127.0.0.1", 0), HttpEndpointTest.dispatcherGreeting(),
                HttpLimits.DEFAULT.withMaxBodyBytes(1024), HttpAccess.OPEN, AllowedOrigins.NONE.orLocalhost());
        endpoint.start(Optional.empty());
        uri = URI.create("ws://127.0.0.1:" + endpoint.port() + "/");
    }

    @After
    public void stop() {
        endpoint.close();
    }

    @Test
    public void answersEachMessageInOrder() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, messages).get();

        socket.sendText(GREET, true).get();
        socket.sendText("[" + GREET + "," + GREET + "]", true).get();
        socket.sendText("{oops", true).get();

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"Hello world!\"}", messages.next());
        assertTrue(messages.next().startsWith("[{"));
        assertTrue(messages.next().contains("-32700"));
        assertEquals("ws://127.0.0.1:" + endpoint.port() + "/", endpoint.url());
    }

    @Test
    public void refusesBrowsersFromOtherOriginsLikeGeth() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().header("Origin", "https://evil.example").buildAsync(uri, new Messages()).get());

        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    public void acceptsLocalhostPagesByDefault() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://localhost")
                .buildAsync(uri, messages).get();
        socket.sendText(GREET, true).get();

        assertTrue(messages.next().contains("Hello world!"));
    }

    @Test
    public void closesOnAMessageOverTheLimit() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, messages).get();
        socket.sendText("[" + "1,".repeat(1000) + "1]", true).get();

        assertEquals("closed 1009", messages.next());
    }

    @Test
    public void checksTheTokenAtTheHandshakeAndOnEveryMessage() throws Exception {
        endpoint.close();
        java.util.concurrent.atomic.AtomicBoolean valid = new java.util.concurrent.atomic.AtomicBoolean(true);
        HttpAccess tokens = authorization -> !authorization.equals(Optional.of("Bearer good"))
                ? HttpAccess.Admission.refused(new HttpAccess.Refusal(401, "no valid access token"))
                : !valid.get() ? HttpAccess.Admission.refused(new HttpAccess.Refusal(401, "access token expired"))
                : new HttpAccess.Admission() {
                    @Override
                    public Optional<HttpAccess.Refusal> refusal() {
                        return Optional.empty();
                    }

                    @Override
                    public boolean mayCall(String method) {
                        return method.equals("greet");
                    }
                };
        endpoint = new WebSocketEndpoint(new InetSocketAddress("127.0.0.1", 0), HttpEndpointTest.dispatcherGreeting(),
                HttpLimits.DEFAULT, tokens, AllowedOrigins.NONE.orLocalhost());
        endpoint.start(Optional.empty());
        uri = URI.create("ws://127.0.0.1:" + endpoint.port() + "/");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().buildAsync(uri, new Messages()).get());
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        Messages messages = new Messages();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer good")
                .buildAsync(uri, messages).get();
        socket.sendText(GREET, true).get();
        assertTrue(messages.next().contains("Hello world!"));
        socket.sendText(GREET.replace("greet", "other"), true).get();
        assertTrue(messages.next().contains("-32001"));
        valid.set(false);
        socket.sendText(GREET, true).get();
        assertTrue(messages.next().contains("access token expired"));
        assertEquals("closed 1008", messages.next());
    }

    /** What the client receives, one text message (or close) at a time. */
    private static final class Messages implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add("closed " + statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String message = received.poll(30, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 30 s");
            }
            return message;
        }
    }
}
