package dev.pnode.launcher.rpc;

/** A JSON-RPC call that could not be made or was answered with an error. */
public final class RpcException extends Exception {

    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
