package dev.pnode.rpc.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.pnode.rpc.jsonrpc.AnswersLater;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.PositionalParams;
import dev.pnode.rpc.jsonrpc.RequestLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** A real unix domain socket, real clients. */
public class IpcServerTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(name -> name.equals("greet")
            ? Optional.of(params -> new JsonPrimitive("Hello " + PositionalParams.oneString("greet", params) + "!"))
            : Optional.empty(), RequestLimits.DEFAULT);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @After
    public void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    public void answersEachRequestOnItsOwnLineInOrder() throws Exception {
        Path socket = start(server(1024, 4, Duration.ofMinutes(1)));
        Client client = connect(socket);

        client.send(greet(1, "a") + greet(2, "b") + "\n\n" + greet(3, "c") + "\n");

        assertEquals("Hello a!", result(client.line(), 1));
        assertEquals("Hello b!", result(client.line(), 2));
        assertEquals("Hello c!", result(client.line(), 3));
    }

    /**
     * A plugin's later answer is written by the thread it arrives on (the plugin channel's, which every call passes), so
     * that thread must not block on a client that does not read: what does not fit in the socket is left to the
     * connection's thread. An answer larger than any socket buffer, completed while the client reads nothing: a
     * blocking write would hold the completing thread until the test's timeout.
     */
    @Test
    public void writesALaterAnswerWithoutHoldingTheThreadItArrivesOn() throws Exception {
        CompletableFuture<JsonElement> answer = new CompletableFuture<>();
        Client client = callLater(answer, Duration.ofMinutes(1));
        String large = "x".repeat(8 << 20);

        answer.complete(new JsonPrimitive(large));

        assertEquals(large, result(client.line(), 1));
        client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"later\"}");
        assertEquals(large, result(client.line(), 2));
    }

    @Test
    public void answersLaterAnswersInTheOrderOfTheirRequests() throws Exception {
        CompletableFuture<JsonElement> first = new CompletableFuture<>();
        CountDownLatch called = new CountDownLatch(1);
        Client client = connect(start(answeringLater(params -> {
            if (params.getAsJsonArray().get(0).getAsString().equals("now")) {
                return CompletableFuture.completedFuture(new JsonPrimitive("second"));
            }
            called.countDown();
            return first;
        })));
        client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"later\",\"params\":[\"wait\"]}"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"later\",\"params\":[\"now\"]}");
        called.await();

        first.complete(new JsonPrimitive("first"));

        assertEquals("first", result(client.line(), 1));
        assertEquals("second", result(client.line(), 2));
    }

    /**
     * The idle timeout is the client's: while a plugin works on its request the connection's thread waits for the
     * socket all the same (for the client's next bytes), and that wait must not count.
     */
    @Test
    public void keepsAConnectionWhoseAnswerTakesLongerThanTheIdleTimeout() throws Exception {
        CompletableFuture<JsonElement> answer = new CompletableFuture<>();
        Client client = callLater(answer, Duration.ofMillis(100));
        Thread.sleep(1000); // ten idle timeouts, a hundred sweeps

        answer.complete(new JsonPrimitive("late"));

        assertEquals("late", result(client.line(), 1));
    }

    /** A client of a server whose method {@code later} answers {@code answer}, once it has called it (id 1). */
    private Client callLater(CompletableFuture<JsonElement> answer, Duration idle) throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        Client client = connect(start(answeringLater(params -> {
            called.countDown();
            return answer;
        }, idle)));
        client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"later\"}");
        called.await();
        return client;
    }

    private IpcServer answeringLater(Function<JsonElement, CompletionStage<JsonElement>> answer) {
        return answeringLater(answer, Duration.ofMinutes(1));
    }

    private IpcServer answeringLater(Function<JsonElement, CompletionStage<JsonElement>> answer, Duration idle) {
        return new IpcServer(folder.getRoot().toPath().resolve("pnode.ipc"), new JsonRpcDispatcher(
                name -> Optional.of(new AnswersLater(answer)), RequestLimits.DEFAULT), 1024, 4, idle);
    }

    @Test
    public void makesTheSocketPrivateToTheUser() throws Exception {
        Path socket = start(server(1024, 4, Duration.ofMinutes(1)));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    public void answersNothingForNotifications() throws Exception {
        Client client = connect(start(server(1024, 4, Duration.ofMinutes(1))));

        client.send("{\"jsonrpc\":\"2.0\",\"method\":\"greet\",\"params\":[\"n\"]}\n" + greet(9, "x") + "\n");

        assertEquals("Hello x!", result(client.line(), 9));
    }

    @Test
    public void keepsServingAfterBadJson() throws Exception {
        Client client = connect(start(server(1024, 4, Duration.ofMinutes(1))));

        client.send("{\"jsonrpc\":}\n" + greet(2, "again") + "\n");

        JsonObject error = JsonParser.parseString(client.line()).getAsJsonObject().getAsJsonObject("error");
        assertEquals(-32700, error.get("code").getAsInt());
        assertEquals("Hello again!", result(client.line(), 2));
    }

    @Test
    public void answersAnOversizedRequestWithAnErrorAndCloses() throws Exception {
        Client client = connect(start(server(256, 4, Duration.ofMinutes(1))));

        client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"" + "x".repeat(100_000) + "\"]}\n");

        JsonObject error = JsonParser.parseString(client.line()).getAsJsonObject().getAsJsonObject("error");
        assertEquals(-32700, error.get("code").getAsInt());
        assertEquals("parse error: request larger than the limit of 256 bytes; closing the connection",
                error.get("message").getAsString());
        assertNull(client.lineOrEnd());
    }

    @Test
    public void answersARequestCutShortByTheClient() throws Exception {
        Client client = connect(start(server(1024, 4, Duration.ofMinutes(1))));

        client.send("{\"jsonrpc\":\"2.0\",\"id\":1,");
        client.channel.shutdownOutput();

        assertTrue(client.line().contains("the stream ended inside a JSON value"));
        assertNull(client.lineOrEnd());
    }

    @Test
    public void servesManyClientsAtOnce() throws Exception {
        Path socket = start(server(1024, 16, Duration.ofMinutes(1)));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                String name = "caller" + c;
                answered.add(callers.submit(() -> {
                    try (Client client = new Client(socket)) {
                        for (int i = 0; i < 50; i++) {
                            client.send(greet(i, name) + "\n");
                            assertEquals("Hello " + name + "!", result(client.line(), i));
                        }
                    }
                    return 50;
                }));
            }
            for (Future<Integer> calls : answered) {
                assertEquals(50, (int) calls.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    public void refusesConnectionsOverTheLimitSayingSo() throws Exception {
        Path socket = start(server(1024, 1, Duration.ofMinutes(1)));
        Client first = connect(socket);
        first.send(greet(1, "first") + "\n");
        assertEquals("Hello first!", result(first.line(), 1));

        Client second = connect(socket);

        assertTrue(second.line().contains("too many IPC connections (limit 1)"));
        assertNull(second.lineOrEnd());
        first.send(greet(2, "still") + "\n");
        assertEquals("Hello still!", result(first.line(), 2));
    }

    @Test
    public void closesConnectionsThatStayIdle() throws Exception {
        Client idle = connect(start(server(1024, 4, Duration.ofMillis(200))));

        assertNull(idle.lineOrEnd());
    }

    @Test
    public void replacesAStaleSocketLeftByAKilledNode() throws Exception {
        Path socket = folder.getRoot().toPath().resolve("pnode.ipc");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertTrue(Files.exists(socket));

        IpcServer server = server(1024, 4, Duration.ofMinutes(1));
        server.start();
        toClose.add(server);

        Client client = connect(socket);
        client.send(greet(1, "fresh") + "\n");
        assertEquals("Hello fresh!", result(client.line(), 1));
    }

    @Test
    public void doesNotTakeOverASocketAnotherNodeServes() throws Exception {
        Path socket = start(server(1024, 4, Duration.ofMinutes(1)));

        IpcServer second = new IpcServer(socket, dispatcher, 1024, 4, Duration.ofMinutes(1));
        IOException e = assertThrows(IOException.class, second::start);
        second.close();

        assertEquals("cannot listen on the IPC socket " + socket + ": another process is serving it", e.getMessage());
        Client client = connect(socket);
        client.send(greet(1, "first node") + "\n");
        assertEquals("Hello first node!", result(client.line(), 1));
    }

    @Test
    public void doesNotDeleteAFileInTheWay() throws Exception {
        Path file = folder.newFile("pnode.ipc").toPath();
        Files.writeString(file, "precious");

        IOException e = assertThrows(IOException.class,
                () -> new IpcServer(file, dispatcher, 1024, 4, Duration.ofMinutes(1)).start());

        assertEquals("cannot listen on the IPC socket " + file + ": a file that is not a socket is in the way",
                e.getMessage());
        assertEquals("precious", Files.readString(file));
    }

    @Test
    public void removesTheSocketAndEndsConnectionsOnClose() throws Exception {
        Path socket = folder.getRoot().toPath().resolve("pnode.ipc");
        IpcServer server = server(1024, 4, Duration.ofMinutes(1));
        server.start();
        Client client = connect(socket);
        client.send(greet(1, "x") + "\n");
        client.line();

        server.close();

        assertFalse(Files.exists(socket));
        assertNull(client.lineOrEnd());
    }

    private IpcServer server(int maxBytes, int maxConnections, Duration idle) {
        return new IpcServer(folder.getRoot().toPath().resolve("pnode.ipc"), dispatcher, maxBytes, maxConnections, idle);
    }

    private Path start(IpcServer server) throws IOException {
        server.start();
        toClose.add(server);
        return folder.getRoot().toPath().resolve("pnode.ipc");
    }

    private Client connect(Path socket) throws IOException {
        Client client = new Client(socket);
        toClose.add(client);
        return client;
    }

    private static String greet(int id, String who) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"greet\",\"params\":[\"" + who + "\"]}";
    }

    private static String result(String line, int id) {
        JsonObject response = JsonParser.parseString(line).getAsJsonObject();
        assertEquals(line, id, response.get("id").getAsInt());
        return response.get("result").getAsString();
    }

    private static final class Client implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader reader;

        Client(Path socket) throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        }

        void send(String text) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        String line() throws IOException {
            String line = reader.readLine();
            if (line == null) {
                throw new AssertionError("the server closed the connection");
            }
            return line;
        }

        /** The next line, or null when the server closed the connection. */
        String lineOrEnd() throws IOException {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
