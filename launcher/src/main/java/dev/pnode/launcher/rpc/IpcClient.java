package dev.pnode.launcher.rpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.pnode.api.json.GsonMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A JSON-RPC 2.0 client for the node's IPC socket: one request, one JSON value per line each way.
 */
public final class IpcClient {

    private final Path socket;
    private final Duration timeout;

    public IpcClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Calls the method and returns the whole response object ({@code result} or {@code error}). */
    public JsonObject call(String method, JsonElement params) throws RpcException {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", 1);
        request.addProperty("method", method);
        request.add("params", params);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pnode-rpc-timeout");
            thread.setDaemon(true);
            return thread;
        });
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // a blocking channel has no read timeout: closing it from another thread ends a hung call
            watchdog.schedule(() -> closeQuietly(channel), timeout.toMillis(), TimeUnit.MILLISECONDS);
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            String line = readLine(channel);
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            JsonElement response = JsonParser.parseReader(reader);
            if (!response.isJsonObject()) {
                throw new RpcException("the node answered with something other than a JSON-RPC response: " + line);
            }
            return response.getAsJsonObject();
        } catch (AsynchronousCloseException e) {
            throw new RpcException("no answer from " + socket + " within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new RpcException("cannot talk to the node at " + socket + " (is it running?): " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new RpcException("the node's answer is not valid JSON: " + GsonMessages.describe(e), e);
        } finally {
            watchdog.shutdownNow();
        }
    }

    private static String readLine(SocketChannel channel) throws IOException, RpcException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            buffer.clear();
        }
        if (line.size() > 0) {
            return line.toString(StandardCharsets.UTF_8);
        }
        throw new RpcException("the node closed the connection without answering");
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the call fails with AsynchronousCloseException either way
        }
    }
}
