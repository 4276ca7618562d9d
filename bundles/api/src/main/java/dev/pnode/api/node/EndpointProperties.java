package dev.pnode.api.node;

/**
 * Framework properties of the JSON-RPC endpoints: the launcher sets them from its flags and TOML keys, the rpc bundle
 * reads them (bundles/rpc/README.md says what each does).
 */
public final class EndpointProperties {

    /** The IPC socket, an absolute path; default {@code <datadir>/}{@link #DEFAULT_IPC_FILE}. */
    public static final String IPC_PATH = "pnode.ipc.path";
    public static final String DEFAULT_IPC_FILE = "pnode.ipc";

    public static final String HTTP_ENABLED = "pnode.http.enabled";
    public static final String HTTP_HOST = "pnode.http.host";
    public static final String HTTP_PORT = "pnode.http.port";
    public static final String HTTP_API = "pnode.http.api";
    /** {@code true} adds {@code admin} to the HTTP APIs. */
    public static final String HTTP_ADMIN = "pnode.http.admin";
    public static final String HTTP_VHOSTS = "pnode.http.vhosts";
    public static final String HTTP_CORS = "pnode.http.corsdomain";
    public static final String READ_HEADER_TIMEOUT = "pnode.http.timeout.readheader";
    public static final String READ_TIMEOUT = "pnode.http.timeout.read";
    public static final String WRITE_TIMEOUT = "pnode.http.timeout.write";
    public static final String IDLE_TIMEOUT = "pnode.http.timeout.idle";
    public static final String MAX_CONNECTIONS = "pnode.http.maxconns";

    public static final String WS_ENABLED = "pnode.ws.enabled";
    public static final String WS_HOST = "pnode.ws.host";
    public static final String WS_PORT = "pnode.ws.port";
    public static final String WS_API = "pnode.ws.api";
    public static final String WS_ORIGINS = "pnode.ws.origins";

    /** geth's defaults. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8545;
    public static final int DEFAULT_WS_PORT = 8546;

    private EndpointProperties() {
    }
}
