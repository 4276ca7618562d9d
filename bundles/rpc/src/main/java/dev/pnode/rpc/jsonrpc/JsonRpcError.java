package dev.pnode.rpc.jsonrpc;

/** A JSON-RPC 2.0 error object as an exception: methods throw it, the dispatcher answers with it. */
public final class JsonRpcError extends Exception {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined server error: a plugin or the host refused or failed the call. */
    public static final int SERVER_ERROR = -32000;
    /** Quorum's code for security errors: no, bad or expired access token, or a method the token does not grant. */
    public static final int ACCESS_DENIED = -32001;

    private static final long serialVersionUID = 1L;

    private final int code;

    public JsonRpcError(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static JsonRpcError invalidRequest(String message) {
        return new JsonRpcError(INVALID_REQUEST, "invalid request: " + message);
    }

    public static JsonRpcError methodNotFound(String method) {
        return new JsonRpcError(METHOD_NOT_FOUND, "method not found: " + method);
    }

    public static JsonRpcError invalidParams(String method, String message) {
        return new JsonRpcError(INVALID_PARAMS, "invalid params for " + method + ": " + message);
    }

    public static JsonRpcError accessDenied(String method) {
        return new JsonRpcError(ACCESS_DENIED, method + " - access denied");
    }

    public static JsonRpcError serverError(String message) {
        return new JsonRpcError(SERVER_ERROR, message);
    }
}
