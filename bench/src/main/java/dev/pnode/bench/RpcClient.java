package dev.pnode.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Figure 7's JSON-RPC paths to the greeting, each concurrent caller on its own connection (from a pool): {@code http-keepalive} (one
 * HTTP/1.1 connection per caller, like web3j/OkHttp, ethers, Go's net/http), {@code http-close} (a new connection per
 * call), {@code ipc} (a persistent unix socket connection, like geth attach) and {@code ws} (one WebSocket per
 * caller). The HTTP and IPC clients are minimal blocking socket clients (TCP_NODELAY, as the common clients set), so
 * what is measured is the node's side; WebSocket uses the JDK's client.
 */
final class RpcClient implements GreetingTarget {

    private static final Map<String, byte[]> REQUESTS = new ConcurrentHashMap<>();
    /** rpc_modules: JSON-RPC through the endpoint's parse, dispatch and serialisation, without the plugin. */
    private static final byte[] MODULES_REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc_modules\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String GREETING = "Hello world!";

    private final RpcNode node;
    private final String path;
    /** Idle connections: a caller takes one (or opens one) for a call and puts it back, so N callers use N. */
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    private RpcClient(RpcNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static RpcClient start(String path, BenchEnvironment environment, BenchEnvironment.PluginKind plugin)
            throws Exception {
        return new RpcClient(RpcNode.acquire(environment, plugin), path);
    }

    /**
     * The request for a greeting, built once per message (the harness asks for the same one every time), so that a
     * caller's loop costs what the contract path's callers' loop costs: the client's own work is not the node's.
     */
    private static byte[] request(String msg) {
        return REQUESTS.computeIfAbsent(msg, text -> ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"plugin@helloworld_greeting\",\"params\":[\"" + text + "\"]}").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String greeting(String msg) {
        try {
            if (path.equals("http-close")) {
                try (HttpConnection once = new HttpConnection(node.httpPort, false)) {
                    return result(once.call(request(msg)));
                }
            }
            Connection connection = idle.pollFirst();
            if (connection == null) {
                connection = connect();
            }
            String answer = switch (path) {
                // the floors under figure 7's endpoints: what answers without the plugin stands in for its greeting
                case "http-null" -> empty(connection.call(null));
                case "http-modules", "ipc-modules" -> modules(connection.call(MODULES_REQUEST));
                default -> result(connection.call(request(msg)));
            };
            idle.addFirst(connection);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Connection connect() {
        try {
            return switch (path) {
                case "http-keepalive", "http-null", "http-modules" -> new HttpConnection(node.httpPort, true);
                case "ipc", "ipc-modules" -> new IpcConnection(node);
                case "ws" -> new WebSocketConnection(node.wsPort);
                default -> throw new IllegalArgumentException(path);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "result":"Hello world!"} → {@code Hello world!}; anything else is a failed call. */
    private static String result(String response) {
        int start = response.indexOf("\"result\":\"");
        if (start < 0) {
            throw new IllegalStateException("no result: " + response);
        }
        start += 10;
        return response.substring(start, response.indexOf('"', start));
    }

    /** {@code GET /}'s empty answer; anything else is a failed call. */
    private static String empty(String response) {
        if (!response.isEmpty()) {
            throw new IllegalStateException("GET / answered a body: " + response);
        }
        return GREETING;
    }

    private static String modules(String response) {
        if (!response.contains("\"result\":{")) {
            throw new IllegalStateException("no rpc_modules result: " + response);
        }
        return GREETING;
    }

    @Override
    public void close() {
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            try {
                connection.close();
            } catch (Exception e) {
                // closing is all we want
            }
        }
        RpcNode.release(node);
    }

    private interface Connection extends AutoCloseable {
        String call(byte[] request) throws IOException;
    }

    private static final class HttpConnection implements Connection {
        private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
        /**
         * {@code GET /} on the JSON-RPC connector: the node's own handler answers it with an empty 200 (the port
         * probe geth answers too) after the Host and CORS checks, so it is the same connector, thread pool and
         * handler entry as a JSON-RPC POST without the body, the JSON and the plugin.
         */
        private static final byte[] EMPTY_GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final boolean keepAlive;
        private final byte[] buffer = new byte[8192];
        /** The last request sent and its bytes with the HTTP head: callers send the same one over and over. */
        private byte[] lastBody;
        private byte[] lastRequest;

        HttpConnection(int port, boolean keepAlive) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
            this.keepAlive = keepAlive;
        }

        /** @param body a JSON-RPC request to POST, or null for {@link #EMPTY_GET} */
        @Override
        public String call(byte[] body) throws IOException {
            out.write(body == null ? EMPTY_GET : withHead(body));
            out.flush();
            int filled = 0;
            int headerEnd = -1;
            while (headerEnd < 0) {
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    throw new IOException("the node closed the connection");
                }
                filled += read;
                headerEnd = indexOf(buffer, 0, filled, HEADER_END);
            }
            int total = headerEnd + HEADER_END.length + contentLength(headerEnd);
            while (filled < total) {
                int read = in.read(buffer, filled, total - filled);
                if (read < 0) {
                    throw new IOException("the node closed the connection");
                }
                filled += read;
            }
            return new String(buffer, headerEnd + HEADER_END.length, total - headerEnd - HEADER_END.length,
                    StandardCharsets.UTF_8);
        }

        private byte[] withHead(byte[] body) {
            if (body != lastBody) {
                byte[] head = ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                lastRequest = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, lastRequest, head.length, body.length);
                lastBody = body;
            }
            return lastRequest;
        }

        /** The Content-Length header's value in the response head {@code buffer[0, headEnd)}. */
        private int contentLength(int headEnd) throws IOException {
            int at = indexOf(buffer, 0, headEnd, CONTENT_LENGTH);
            if (at < 0) {
                throw new IOException("no Content-Length in the response: "
                        + new String(buffer, 0, headEnd, StandardCharsets.US_ASCII));
            }
            int length = 0;
            for (int i = at + CONTENT_LENGTH.length; i < headEnd && buffer[i] != '\r'; i++) {
                if (buffer[i] >= '0' && buffer[i] <= '9') {
                    length = length * 10 + buffer[i] - '0';
                }
            }
            return length;
        }

        /** Where {@code text} starts in {@code bytes[from, to)}, ASCII letters compared case-insensitively. */
        private static int indexOf(byte[] bytes, int from, int to, byte[] text) {
            outer:
            for (int i = from; i + text.length <= to; i++) {
                for (int j = 0; j < text.length; j++) {
                    if (Character.toLowerCase(bytes[i + j]) != text[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final class IpcConnection implements Connection {
        private final SocketChannel channel;
        private final ByteBuffer answer = ByteBuffer.allocateDirect(8192);
        private final byte[] text = new byte[8192];
        private byte[] lastRequest;
        private ByteBuffer line;

        IpcConnection(RpcNode node) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(node.ipcPath));
        }

        @Override
        public String call(byte[] request) throws IOException {
            if (request != lastRequest) {
                line = ByteBuffer.allocateDirect(request.length + 1).put(request).put((byte) '\n');
                lastRequest = request;
            }
            line.flip();
            while (line.hasRemaining()) {
                channel.write(line);
            }
            answer.clear();
            while (answer.position() == 0 || answer.get(answer.position() - 1) != '\n') {
                if (channel.read(answer) < 0) {
                    throw new IOException("the node closed the IPC connection");
                }
            }
            int length = answer.position() - 1;
            answer.flip().get(text, 0, length);
            return new String(text, 0, length, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class WebSocketConnection implements Connection, WebSocket.Listener {
        private final WebSocket socket;
        private final StringBuilder partial = new StringBuilder();
        private volatile CompletableFuture<String> pending;
        /**
         * The JDK's client fails a send made before the previous one completed ("Send pending", in the returned
         * future only), and an answer can arrive before the client has marked its request sent.
         */
        private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

        WebSocketConnection(int port) throws IOException {
            try {
                socket = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), this).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IOException("cannot open the WebSocket: " + e, e);
            }
        }

        @Override
        public String call(byte[] request) throws IOException {
            CompletableFuture<String> answer = new CompletableFuture<>();
            pending = answer;
            try {
                lastSend.get(30, TimeUnit.SECONDS);
                lastSend = socket.sendText(new String(request, StandardCharsets.UTF_8), true);
                return answer.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IOException("no WebSocket answer: " + e, e);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                pending.complete(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
