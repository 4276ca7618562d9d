package dev.pnode.rpc.methods;

import dev.pnode.rpc.jsonrpc.JsonRpcError;

/** Starts a web endpoint on the running node, with the node's settings for it ({@code admin_startHTTP}, {@code admin_startWS}). */
public interface WebEndpointControl {

    /** @return where it listens, e.g. {@code http://127.0.0.1:8545/}; @throws JsonRpcError why it cannot start */
    String startHttp() throws JsonRpcError;

    /** @return where it listens, e.g. {@code ws://127.0.0.1:8546/}; @throws JsonRpcError why it cannot start */
    String startWebSocket() throws JsonRpcError;
}
