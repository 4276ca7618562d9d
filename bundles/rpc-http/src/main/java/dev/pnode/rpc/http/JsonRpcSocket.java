package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.Responses;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One WebSocket connection: each text message is a request or batch, answered in order (the next message is read
 * once the answer is on its way). The caller's {@code Authorization} from the handshake is admitted again for every
 * message, so a token that expires or a security plugin that goes away ends the connection. Public because Jetty
 * finds the listener methods through a public lookup.
 */
public final class JsonRpcSocket implements Session.Listener.AutoDemanding {

    private static final System.Logger LOG = System.getLogger(JsonRpcSocket.class.getName());

    private final JsonRpcDispatcher dispatcher;
    private final HttpAccess access;
    private final Optional<String> authorization;
    private Session session;

    JsonRpcSocket(JsonRpcDispatcher dispatcher, HttpAccess access, Optional<String> authorization) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.authorization = authorization;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
    }

    @Override
    public void onWebSocketText(String message) {
        HttpAccess.Admission admission = access.admit(authorization);
        Optional<HttpAccess.Refusal> refusal = admission.refusal();
        if (refusal.isPresent()) {
            int code = refusal.get().status() == 401 ? JsonRpcError.ACCESS_DENIED : JsonRpcError.SERVER_ERROR;
            session.sendText(Responses.errorText(new JsonRpcError(code, refusal.get().message())), Callback.NOOP);
            session.close(StatusCode.POLICY_VIOLATION, "access refused", Callback.NOOP);
            return;
        }
        dispatcher.handle(message, admission::mayCall).ifPresent(answer -> session.sendText(answer, Callback.NOOP));
    }

    /** Too large a message, a client that went away: Jetty closes the connection; nothing else to do. */
    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "JSON-RPC WebSocket connection ended: {0}", cause.toString());
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        session.close(StatusCode.BAD_DATA, "send JSON-RPC requests as text messages", Callback.NOOP);
    }
}
