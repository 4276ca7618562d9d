package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HealthCheck;
import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.ServerTls;
import dev.pnode.rpc.transport.VirtualHosts;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * JSON-RPC over HTTP on Jetty 12: POST a request or batch to any path; {@code GET /health} answers the node's health;
 * {@code GET /} with nothing else answers 200 (load balancers' probes, as geth). With {@link ServerTls} it serves
 * HTTPS, and {@link HttpAccess} decides who may call what. See {@link JsonRpcHttpHandler} for the rules of a request
 * and {@link ListeningServer} for connections.
 */
public final class HttpEndpoint extends JettyEndpoint {

    /** An open endpoint with geth's defaults: everyone may call everything, addressed as localhost or an IP. */
    public HttpEndpoint(InetSocketAddress address, JsonRpcDispatcher dispatcher, HttpLimits limits) {
        this(address, dispatcher, limits, HttpAccess.OPEN, VirtualHosts.LOCALHOST, AllowedOrigins.NONE,
                HealthCheck.NONE);
    }

    /**
     * @param access who may call what, asked on every request
     * @param virtualHosts the Host names requests may be addressed to
     * @param corsOrigins the web origins browsers may call from
     * @param health what {@code GET /health} answers
     */
    public HttpEndpoint(InetSocketAddress address, JsonRpcDispatcher dispatcher, HttpLimits limits,
            HttpAccess access, VirtualHosts virtualHosts, AllowedOrigins corsOrigins, HealthCheck health) {
        super(new ListeningServer("http", address, limits, server -> new JsonRpcHttpHandler(dispatcher, limits,
                access, virtualHosts, corsOrigins, health)));
    }

    /** Serves plain HTTP. */
    public void start() throws IOException {
        start(Optional.empty());
    }
}
