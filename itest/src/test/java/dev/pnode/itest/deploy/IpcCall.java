package dev.pnode.itest.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One JSON-RPC call over the node's IPC socket, as {@code pnode rpc} makes it: a request, one line back. */
final class IpcCall {

    private IpcCall() {
    }

    /** @return the result; an error response fails the test with its message */
    static JsonElement call(Path socket, String method, String params) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            JsonObject response = JsonParser.parseString(reader.readLine()).getAsJsonObject();
            if (response.has("error")) {
                throw new AssertionError(method + " " + params + " failed: " + response.get("error"));
            }
            return response.get("result");
        }
    }
}
