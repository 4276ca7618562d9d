package dev.pnode.rpc.http;

import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HealthCheck;
import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.SecuredEndpoint;
import dev.pnode.rpc.transport.VirtualHosts;
import dev.pnode.rpc.transport.WebEndpointFactory;
import java.net.InetSocketAddress;
import org.osgi.service.component.annotations.Component;

/**
 * Offers pnode-rpc's endpoints component the web endpoints on Jetty. This bundle starts with the HTTP stack (its last
 * level), after SPI Fly, which weaves Jetty's classes as they load.
 */
@Component
public final class JettyEndpoints implements WebEndpointFactory {

    @Override
    public SecuredEndpoint http(InetSocketAddress address, JsonRpcDispatcher dispatcher, HttpLimits limits,
            HttpAccess access, VirtualHosts virtualHosts, AllowedOrigins corsOrigins, HealthCheck health) {
        return new HttpEndpoint(address, dispatcher, limits, access, virtualHosts, corsOrigins, health);
    }

    @Override
    public SecuredEndpoint webSocket(InetSocketAddress address, JsonRpcDispatcher dispatcher, HttpLimits limits,
            HttpAccess access, AllowedOrigins origins) {
        return new WebSocketEndpoint(address, dispatcher, limits, access, origins);
    }
}
