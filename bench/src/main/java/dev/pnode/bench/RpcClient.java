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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    private final RpcNode node;
    private final String path;
    /** Idle connections: a caller takes one (or opens one) for a call and puts it back, so N callers use N. */
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    private RpcClient(RpcNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static boolean serves(String path) {
        return path.equals("http-keepalive") || path.equals("http-close") || path.equals("ipc") || path.equals("ws");
    }

    static RpcClient start(String path, BenchEnvironment environment, BenchEnvironment.PluginKind plugin)
            throws Exception {
        return new RpcClient(RpcNode.acquire(environment, plugin), path);
    }

    private static byte[] request(String msg) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"plugin@helloworld_greeting\",\"params\":[\"" + msg + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
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
            String answer = result(connection.call(request(msg)));
            idle.addFirst(connection);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Connection connect() {
        try {
            return switch (path) {
                case "http-keepalive" -> new HttpConnection(node.httpPort, true);
                case "ipc" -> new IpcConnection(node);
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
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final boolean keepAlive;
        private final byte[] buffer = new byte[8192];

        HttpConnection(int port, boolean keepAlive) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
            this.keepAlive = keepAlive;
        }

        @Override
        public String call(byte[] body) throws IOException {
            byte[] head = ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            int filled = 0;
            int headerEnd = -1;
            while (headerEnd < 0) {
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    throw new IOException("the node closed the connection");
                }
                filled += read;
                headerEnd = indexOf(buffer, filled, "\r\n\r\n");
            }
            String headers = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII);
            int lengthAt = headers.toLowerCase().indexOf("content-length:");
            int lineEnd = headers.indexOf('\r', lengthAt);
            int length = Integer.parseInt(headers.substring(lengthAt + 15, lineEnd < 0 ? headers.length() : lineEnd)
                    .trim());
            int total = headerEnd + 4 + length;
            while (filled < total) {
                int read = in.read(buffer, filled, total - filled);
                if (read < 0) {
                    throw new IOException("the node closed the connection");
                }
                filled += read;
            }
            return new String(buffer, headerEnd + 4, length, StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] bytes, int length, String text) {
            outer:
            for (int i = 0; i + text.length() <= length; i++) {
                for (int j = 0; j < text.length(); j++) {
                    if (bytes[i + j] != text.charAt(j)) {
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
        private final ByteBuffer answer = ByteBuffer.allocate(8192);

        IpcConnection(RpcNode node) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(node.ipcPath));
        }

        @Override
        public String call(byte[] request) throws IOException {
            ByteBuffer line = ByteBuffer.allocate(request.length + 1).put(request).put((byte) '\n').flip();
            while (line.hasRemaining()) {
                channel.write(line);
            }
            answer.clear();
            while (answer.position() == 0 || answer.get(answer.position() - 1) != '\n') {
                if (channel.read(answer) < 0) {
                    throw new IOException("the node closed the IPC connection");
                }
            }
            return new String(answer.array(), 0, answer.position() - 1, StandardCharsets.UTF_8);
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
            socket.sendText(new String(request, StandardCharsets.UTF_8), true);
            try {
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
