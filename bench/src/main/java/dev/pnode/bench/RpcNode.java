package dev.pnode.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * One embedded node with HTTP and WebSocket JSON-RPC on, shared by figure 7's paths in the harness JVM (the contract
 * path calls the same node's contract service), so every path reaches the same plugin process. Booted by the first
 * path that opens, closed with the last.
 */
final class RpcNode {

    private static RpcNode shared;

    final EmbeddedNode node;
    final int httpPort;
    final int wsPort;
    final Path ipcPath;
    private int users;

    private RpcNode(EmbeddedNode node, int httpPort, int wsPort, Path ipcPath) {
        this.node = node;
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        this.ipcPath = ipcPath;
    }

    static synchronized RpcNode acquire(BenchEnvironment environment, BenchEnvironment.PluginKind plugin)
            throws Exception {
        if (shared == null) {
            int http = freePort();
            int ws = freePort();
            EmbeddedNode node = EmbeddedNode.boot(environment, plugin, "--http", "--http.port", Integer.toString(http),
                    "--ws", "--ws.port", Integer.toString(ws));
            shared = new RpcNode(node, http, ws, node.ipcPath());
        }
        shared.users++;
        return shared;
    }

    static synchronized void release(RpcNode node) {
        if (--node.users == 0) {
            node.node.close();
            shared = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
