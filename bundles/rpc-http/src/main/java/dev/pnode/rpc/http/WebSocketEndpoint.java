package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * JSON-RPC over WebSocket on Jetty 12 (geth's {@code --ws}): text messages carry requests or batches, each answered
 * with one message. The handshake must come from an allowed web origin (or carry no Origin: not a browser) and pass
 * {@link HttpAccess} like an HTTP request; every message is admitted again and each method checked against what the
 * caller may call. Messages larger than the body limit close the connection; the connection limits are HTTP's.
 */
public final class WebSocketEndpoint extends JettyEndpoint {

    /** Outgoing messages a client that does not read may leave queued before sends fail. */
    private static final int MAX_QUEUED_ANSWERS = 1024;

    /** @param origins where browsers may connect from ({@link AllowedOrigins#orLocalhost()}: geth's default) */
    public WebSocketEndpoint(InetSocketAddress address, JsonRpcDispatcher dispatcher, HttpLimits limits,
            HttpAccess access, AllowedOrigins origins) {
        super(new ListeningServer("ws", address, limits, jetty -> handler(jetty, dispatcher, limits, access,
                origins)));
    }

    private static Handler handler(Server jetty, JsonRpcDispatcher dispatcher, HttpLimits limits, HttpAccess access,
            AllowedOrigins origins) {
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(jetty, container -> {
            container.setMaxTextMessageSize(limits.maxBodyBytes());
            container.setMaxBinaryMessageSize(limits.maxBodyBytes());
            container.setIdleTimeout(limits.idleTimeout());
            container.setMaxOutgoingFrames(MAX_QUEUED_ANSWERS);
            container.addMapping("/*", (request, response, callback) -> {
                String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                if (origin != null && !origins.allows(origin)) {
                    Response.writeError(request, response, callback, 403, "origin " + origin
                            + " is not allowed to open JSON-RPC WebSocket connections (--ws.origins)");
                    return null;
                }
                Optional<String> authorization = Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION));
                Optional<HttpAccess.Refusal> refusal = access.admit(authorization).refusal();
                if (refusal.isPresent()) {
                    if (refusal.get().status() == 401) {
                        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                    }
                    Response.writeError(request, response, callback, refusal.get().status(), refusal.get().message());
                    return null;
                }
                return new JsonRpcSocket(dispatcher, access, authorization);
            });
        });
        upgrades.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Response.writeError(request, response, callback, 400,
                        "this endpoint serves JSON-RPC over WebSocket only: upgrade the connection");
                return true;
            }
        });
        return upgrades;
    }

    /** E.g. {@code ws://127.0.0.1:8546/}. */
    @Override
    public String url() {
        return super.url().replaceFirst("^http", "ws");
    }
}
