package dev.pnode.launcher.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class RpcCommandTest {

    private static final Path WORK = Path.of("/work/dir");
    private static final Path NO_HOME = Path.of("/nonexistent/pnode-home");

    private Path socketDir;

    @Before
    public void shortSocketDirectory() throws IOException {
        // unix socket paths are limited to 108 bytes: keep it short
        socketDir = Files.createTempDirectory(Path.of("/tmp"), "rpc");
    }

    @After
    public void removeSocketDirectory() throws IOException {
        try (var files = Files.walk(socketDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    public void theDefaultSocketIsInTheDefaultDataDirectory() throws Exception {
        RpcCommand command = RpcCommand.parse(new String[] {"admin_nodeInfo"}, NO_HOME, WORK);

        assertEquals(NodeSettings.defaultDataDir().toAbsolutePath().normalize().resolve("pnode.ipc"), command.socket());
        assertEquals("admin_nodeInfo", command.method());
        assertEquals(JsonParser.parseString("[]"), command.params());
    }

    @Test
    public void dataDirectoryOrSocketPathAndParameters() throws Exception {
        RpcCommand byDataDir = RpcCommand.parse(new String[] {"--datadir", "node1", "plugin@helloworld_greeting",
            "[\"world\"]"}, NO_HOME, WORK);
        RpcCommand bySocket = RpcCommand.parse(new String[] {"--ipc", "/run/p.ipc", "m", "{\"a\":1}"}, NO_HOME,
                WORK);

        assertEquals(Path.of("/work/dir/node1/pnode.ipc"), byDataDir.socket());
        assertEquals(JsonParser.parseString("[\"world\"]"), byDataDir.params());
        assertEquals(Path.of("/run/p.ipc"), bySocket.socket());
        assertEquals(JsonParser.parseString("{\"a\":1}"), bySocket.params());
    }

    @Test
    public void theSocketIsFoundThroughTheNodesSettingsFile() throws Exception {
        Path config = socketDir.resolve("node.toml");
        Files.writeString(config, "[Node]\nDataDir = \"/srv/pnode\"\nIPCPath = \"rpc/node.ipc\"\n");

        RpcCommand command = RpcCommand.parse(new String[] {"--config", config.toString(), "m"}, NO_HOME, WORK);

        assertEquals(Path.of("/srv/pnode/rpc/node.ipc"), command.socket());
    }

    @Test
    public void theDistributionsSettingsFileIsTheDefault() throws Exception {
        Files.createDirectories(socketDir.resolve("etc"));
        Files.writeString(socketDir.resolve("etc/pnode.toml"), "[Node]\nDataDir = \"/srv/other\"\n");

        RpcCommand command = RpcCommand.parse(new String[] {"m"}, socketDir, WORK);

        assertEquals(Path.of("/srv/other/pnode.ipc"), command.socket());
    }

    @Test
    public void rejectsBadCommandLines() {
        assertUsage("name the METHOD", new String[] {});
        assertUsage("name the METHOD", "--datadir", "d");
        assertUsage("flag --ipc needs a value", "--ipc");
        assertUsage("unknown flag '--verbose'", "--verbose", "1", "m");
        assertUsage("give --ipc alone, or --datadir/--config", "--datadir", "d", "--ipc", "p", "m");
        assertUsage("give --ipc alone, or --datadir/--config", "--config", "c", "--ipc", "p", "m");
        assertUsage("JSON_PARAMS is not valid JSON", "m", "[\"unterminated");
        assertUsage("JSON_PARAMS must be a JSON array or object", "m", "\"world\"");
        assertUsage("unexpected argument 'b'", "m", "[\"a\"]", "b");
    }

    @Test
    public void printsTheResult() throws Exception {
        Path socket = serve(request -> "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":\"Hello "
                + request.getAsJsonArray("params").get(0).getAsString() + "!\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = command(socket, "plugin@helloworld_greeting", "[\"world\"]").run(print(out), print(out));

        assertEquals(0, exit);
        assertEquals("\"Hello world!\"\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void sendsAJsonRpcRequestOnOneLine() throws Exception {
        AtomicReference<JsonObject> received = new AtomicReference<>();
        Path socket = serve(request -> {
            received.set(request);
            return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}";
        });

        command(socket, "admin_reloadPlugin", "[\"helloworld\"]").run(print(new ByteArrayOutputStream()),
                print(new ByteArrayOutputStream()));

        assertEquals(JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"admin_reloadPlugin\","
                + "\"params\":[\"helloworld\"]}"), received.get());
    }

    @Test
    public void printsAnErrorAndFails() throws Exception {
        Path socket = serve(request -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                + "\"message\":\"the method nope does not exist\"}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = command(socket, "nope", "[]").run(print(new ByteArrayOutputStream()), print(err));

        assertEquals(1, exit);
        assertTrue(err.toString(), err.toString().contains("the method nope does not exist"));
    }

    @Test
    public void aNodeThatIsNotRunningIsReported() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = command(socketDir.resolve("absent.ipc"), "m", "[]").run(print(new ByteArrayOutputStream()),
                print(err));

        assertEquals(1, exit);
        assertTrue(err.toString(), err.toString().contains("cannot talk to the node at " + socketDir
                .resolve("absent.ipc") + " (is it running?)"));
    }

    @Test
    public void anAnswerThatIsNotJsonIsReported() throws Exception {
        Path socket = serve(request -> "<html>");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = command(socket, "m", "[]").run(print(new ByteArrayOutputStream()), print(err));

        assertEquals(1, exit);
        assertTrue(err.toString(), err.toString().contains("not valid JSON"));
    }

    private static RpcCommand command(Path socket, String method, String params) throws Exception {
        return RpcCommand.parse(new String[] {"--ipc", socket.toString(), method, params}, NO_HOME, WORK);
    }

    /** A one-shot server on a unix socket that answers one request line. */
    private Path serve(Function<JsonObject, String> answer) throws IOException {
        Path socket = socketDir.resolve("node.ipc");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = new Thread(() -> {
            try (server; SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                StringBuilder line = new StringBuilder();
                while (line.indexOf("\n") < 0 && client.read(buffer) >= 0) {
                    buffer.flip();
                    line.append(StandardCharsets.UTF_8.decode(buffer));
                    buffer.clear();
                }
                JsonObject request = JsonParser.parseString(line.toString().strip()).getAsJsonObject();
                client.write(ByteBuffer.wrap((answer.apply(request) + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return socket;
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static void assertUsage(String expected, String... arguments) {
        UsageException error = assertThrows(UsageException.class,
                () -> RpcCommand.parse(arguments, NO_HOME, WORK));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
    }
}
