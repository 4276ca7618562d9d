package dev.pnode.rpc.transport;

import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import java.net.InetSocketAddress;

/**
 * Makes the web endpoints (HTTP, WebSocket): a service of pnode-rpc-http, the bundle that carries them on Jetty, so
 * that this bundle resolves without Jetty and a node that serves only IPC never installs the HTTP stack.
 */
public interface WebEndpointFactory {

    /**
     * JSON-RPC over HTTP, not listening yet.
     *
     * @param access who may call what, asked on every request
     * @param virtualHosts the Host names requests may be addressed to
     * @param corsOrigins the web origins browsers may call from
     * @param health what {@code GET /health} answers
     */
    SecuredEndpoint http(InetSocketAddress address, JsonRpcDispatcher dispatcher, HttpLimits limits,
            HttpAccess access, VirtualHosts virtualHosts, AllowedOrigins corsOrigins, HealthCheck health);

    /**
     * JSON-RPC over WebSocket, not listening yet.
     *
     * @param origins where browsers may connect from
     */
    SecuredEndpoint webSocket(InetSocketAddress address, JsonRpcDispatcher dispatcher, HttpLimits limits,
            HttpAccess access, AllowedOrigins origins);
}
