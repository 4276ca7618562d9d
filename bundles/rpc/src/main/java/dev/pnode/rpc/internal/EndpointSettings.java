package dev.pnode.rpc.internal;

import dev.pnode.rpc.methods.ApiSelection;
import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.VirtualHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The endpoints' settings, from the framework properties the launcher sets (its flags and TOML keys map onto these
 * names one to one; the launcher's README lists them).
 *
 * @param identity {@code pnode.identity}
 * @param datadir {@code pnode.datadir}
 * @param ipcPath {@code pnode.ipc.path}, default {@code <datadir>/pnode.ipc}
 * @param http {@code pnode.http.*}: off, 127.0.0.1:8545, APIs {@code rpc,plugin@*} ({@code pnode.http.admin=true}
 *     adds {@code admin})
 * @param ws {@code pnode.ws.*}: off, 127.0.0.1:8546, APIs {@code rpc,plugin@*} (admin only when listed)
 * @param limits {@code pnode.http.timeout.*} (seconds) and {@code pnode.http.maxconns}, for HTTP and WebSocket
 * @param virtualHosts {@code pnode.http.vhosts}, default {@code localhost}
 * @param corsOrigins {@code pnode.http.corsdomain}, default none
 * @param wsOrigins {@code pnode.ws.origins}, default none (geth: then only {@code http://localhost})
 */
record EndpointSettings(String identity, String datadir, Path ipcPath, Web http, Web ws, HttpLimits limits,
        VirtualHosts virtualHosts, AllowedOrigins corsOrigins, AllowedOrigins wsOrigins) {

    static final String IDENTITY = "pnode.identity";
    static final String DATADIR = "pnode.datadir";
    static final String IPC_PATH = "pnode.ipc.path";
    static final String HTTP_ADMIN = "pnode.http.admin";
    static final String HTTP_API = "pnode.http.api";
    static final String WS_API = "pnode.ws.api";
    static final String DEFAULT_API = "rpc,plugin@*";
    static final String HTTP_VHOSTS = "pnode.http.vhosts";
    static final String HTTP_CORS = "pnode.http.corsdomain";
    static final String WS_ORIGINS = "pnode.ws.origins";
    static final String READ_HEADER_TIMEOUT = "pnode.http.timeout.readheader";
    static final String READ_TIMEOUT = "pnode.http.timeout.read";
    static final String WRITE_TIMEOUT = "pnode.http.timeout.write";
    static final String IDLE_TIMEOUT = "pnode.http.timeout.idle";
    static final String MAX_CONNECTIONS = "pnode.http.maxconns";

    /**
     * One web endpoint (HTTP or WebSocket).
     *
     * @param enabled {@code pnode.<kind>.enabled}
     * @param host {@code pnode.<kind>.host}
     * @param port {@code pnode.<kind>.port} (0 picks a free port)
     * @param apis {@code pnode.<kind>.api} (comma-separated namespaces, like geth's {@code --http.api})
     */
    record Web(boolean enabled, String host, int port, ApiSelection apis) {
    }

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
        boolean admin = flag(properties, HTTP_ADMIN);
        HttpLimits defaults = HttpLimits.DEFAULT;
        HttpLimits limits = new HttpLimits(defaults.maxBodyBytes(),
                seconds(properties, READ_HEADER_TIMEOUT, defaults.readHeaderTimeout()),
                seconds(properties, READ_TIMEOUT, defaults.readTimeout()),
                seconds(properties, WRITE_TIMEOUT, defaults.writeTimeout()),
                seconds(properties, IDLE_TIMEOUT, defaults.idleTimeout()),
                positive(properties, MAX_CONNECTIONS, defaults.maxConnections()));
        return new EndpointSettings(isBlank(identity) ? "" : identity, isBlank(datadir) ? "" : datadir,
                ipcPath.toAbsolutePath(), web(properties, "http", 8545, admin), web(properties, "ws", 8546, false),
                limits, VirtualHosts.parse(text(properties, HTTP_VHOSTS, "localhost")),
                AllowedOrigins.parse(text(properties, HTTP_CORS, "")),
                AllowedOrigins.parse(text(properties, WS_ORIGINS, "")));
    }

    private static Web web(Function<String, String> properties, String kind, int defaultPort, boolean admin) {
        String prefix = "pnode." + kind + ".";
        return new Web(flag(properties, prefix + "enabled"), text(properties, prefix + "host", "127.0.0.1"),
                port(properties, prefix + "port", defaultPort), apis(properties, prefix + "api", admin));
    }

    private static ApiSelection apis(Function<String, String> properties, String name, boolean admin) {
        String selected = text(properties, name, DEFAULT_API) + (admin ? ",admin" : "");
        try {
            return ApiSelection.parse(selected);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static String text(Function<String, String> properties, String name, String defaultValue) {
        String value = properties.apply(name);
        return isBlank(value) ? defaultValue : value.trim();
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

    private static int port(Function<String, String> properties, String name, int defaultPort) {
        String value = properties.apply(name);
        if (isBlank(value)) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number (0-65535), was \"" + value + "\"");
    }

    private static Duration seconds(Function<String, String> properties, String name, Duration defaultValue) {
        return Duration.ofSeconds(positive(properties, name, (int) defaultValue.toSeconds()));
    }

    private static int positive(Function<String, String> properties, String name, int defaultValue) {
        String value = properties.apply(name);
        if (isBlank(value)) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, was \"" + value + "\"");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
