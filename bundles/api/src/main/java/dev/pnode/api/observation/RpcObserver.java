package dev.pnode.api.observation;

import org.osgi.annotation.versioning.ConsumerType;

/** Told about each JSON-RPC request the node answered; called on the endpoint's thread: return quickly, never throw. */
@ConsumerType
public interface RpcObserver {

    /**
     * @param method the method, or {@code unknown} for one the endpoint does not serve (clients choose names: the
     *     set of values stays bounded)
     * @param transport {@code ipc}, {@code http} or {@code websocket}
     * @param outcome {@code ok} or {@code error}
     */
    void requestAnswered(String method, String transport, String outcome);
}
