package dev.pnode.rpc.internal;

import dev.pnode.rpc.methods.ApiSelection;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The endpoints' settings, from the framework properties the launcher sets.
 *
 * @param identity {@code pnode.identity}
 * @param datadir {@code pnode.datadir}
 * @param ipcPath {@code pnode.ipc.path}, default {@code <datadir>/pnode.ipc}
 * @param httpEnabled {@code pnode.http.enabled}, default false
 * @param httpHost {@code pnode.http.host}, default 127.0.0.1
 * @param httpPort {@code pnode.http.port}, default 8545 (0 picks a free port)
 * @param httpApis {@code pnode.http.api} (comma-separated namespaces, like geth's {@code --http.api}), default
 *     {@code rpc,plugin@*}; {@code pnode.http.admin=true} adds {@code admin}
 */
record EndpointSettings(String identity, String datadir, Path ipcPath, boolean httpEnabled, String httpHost,
        int httpPort, ApiSelection httpApis) {

    static final String IDENTITY = "pnode.identity";
    static final String DATADIR = "pnode.datadir";
    static final String IPC_PATH = "pnode.ipc.path";
    static final String HTTP_ENABLED = "pnode.http.enabled";
    static final String HTTP_HOST = "pnode.http.host";
    static final String HTTP_PORT = "pnode.http.port";
    static final String HTTP_ADMIN = "pnode.http.admin";
    static final String HTTP_API = "pnode.http.api";
    static final String DEFAULT_HTTP_API = "rpc,plugin@*";

    /** @throws IllegalArgumentException naming the property that is wrong */
    static EndpointSettings from(Function<String, String> properties) {
        String datadir = properties.apply(DATADIR);
        String ipc = properties.apply(IPC_PATH);
        if (isBlank(ipc) && isBlank(datadir)) {
            throw new IllegalArgumentException("neither " + IPC_PATH + " nor " + DATADIR
                    + " is set: the IPC endpoint has nowhere to listen");
        }
        Path ipcPath = isBlank(ipc) ? Path.of(datadir, "pnode.ipc") : Path.of(ipc);
        String identity = properties.apply(IDENTITY);
        String host = properties.apply(HTTP_HOST);
        return new EndpointSettings(isBlank(identity) ? "" : identity, isBlank(datadir) ? "" : datadir,
                ipcPath.toAbsolutePath(), flag(properties, HTTP_ENABLED), isBlank(host) ? "127.0.0.1" : host.trim(),
                port(properties.apply(HTTP_PORT)), httpApis(properties));
    }

    private static ApiSelection httpApis(Function<String, String> properties) {
        String apis = properties.apply(HTTP_API);
        String selected = (isBlank(apis) ? DEFAULT_HTTP_API : apis) + (flag(properties, HTTP_ADMIN) ? ",admin" : "");
        try {
            return ApiSelection.parse(selected);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HTTP_API + ": " + e.getMessage(), e);
        }
    }

    private static boolean flag(Function<String, String> properties, String name) {
        String value = properties.apply(name);
        if (isBlank(value) || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, was \"" + value + "\"");
    }

    private static int port(String value) {
        if (isBlank(value)) {
            return 8545;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(HTTP_PORT + " must be a port number (0-65535), was \"" + value + "\"");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
