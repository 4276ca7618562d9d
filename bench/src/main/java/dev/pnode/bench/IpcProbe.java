package dev.pnode.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One JSON-RPC request over the node's IPC socket (newline-delimited JSON, as {@code pnode rpc} sends it), without
 * starting a JVM per probe the way {@code bin/pnode rpc} would.
 */
final class IpcProbe {

    private final Path socket;

    IpcProbe(Path socket) {
        this.socket = socket;
    }

    /** The raw response line, or empty when the socket is not there or not answering yet. */
    Optional<String> call(String method, String paramsJson) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson
                    + "}\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        return Optional.of(line.toString(StandardCharsets.UTF_8));
                    }
                    line.write(b);
                }
                buffer.clear();
            }
            return line.size() > 0 ? Optional.of(line.toString(StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
