package dev.pnode.rpc.internal;

import static dev.pnode.api.node.EndpointProperties.DEFAULT_HOST;
import static dev.pnode.api.node.EndpointProperties.DEFAULT_HTTP_PORT;
import static dev.pnode.api.node.EndpointProperties.DEFAULT_IPC_FILE;
import static dev.pnode.api.node.EndpointProperties.DEFAULT_WS_PORT;
import static dev.pnode.api.node.EndpointProperties.HTTP_ADMIN;
import static dev.pnode.api.node.EndpointProperties.HTTP_API;
import static dev.pnode.api.node.EndpointProperties.HTTP_CORS;
import static dev.pnode.api.node.EndpointProperties.HTTP_ENABLED;
import static dev.pnode.api.node.EndpointProperties.HTTP_HOST;
import static dev.pnode.api.node.EndpointProperties.HTTP_PORT;
import static dev.pnode.api.node.EndpointProperties.HTTP_VHOSTS;
import static dev.pnode.api.node.EndpointProperties.IDLE_TIMEOUT;
import static dev.pnode.api.node.EndpointProperties.IPC_PATH;
import static dev.pnode.api.node.EndpointProperties.MAX_CONNECTIONS;
import static dev.pnode.api.node.EndpointProperties.READ_HEADER_TIMEOUT;
import static dev.pnode.api.node.EndpointProperties.READ_TIMEOUT;
import static dev.pnode.api.node.EndpointProperties.WRITE_TIMEOUT;
import static dev.pnode.api.node.EndpointProperties.WS_API;
import static dev.pnode.api.node.EndpointProperties.WS_ENABLED;
import static dev.pnode.api.node.EndpointProperties.WS_HOST;
import static dev.pnode.api.node.EndpointProperties.WS_ORIGINS;
import static dev.pnode.api.node.EndpointProperties.WS_PORT;

import dev.pnode.api.node.NodeProperties;
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

    static final String DEFAULT_API = "rpc,plugin@*";

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
        String datadir = properties.apply(NodeProperties.DATADIR);
        String ipc = properties.apply(IPC_PATH);
        if (isBlank(ipc) && isBlank(datadir)) {
            throw new IllegalArgumentException("neither " + IPC_PATH + " nor " + NodeProperties.DATADIR
                    + " is set: the IPC endpoint has nowhere to listen");
        }
        Path ipcPath = isBlank(ipc) ? Path.of(datadir, DEFAULT_IPC_FILE) : Path.of(ipc);
        String identity = properties.apply(NodeProperties.IDENTITY);
        boolean admin = flag(properties, HTTP_ADMIN);
        HttpLimits defaults = HttpLimits.DEFAULT;
        HttpLimits limits = new HttpLimits(defaults.maxBodyBytes(),
                seconds(properties, READ_HEADER_TIMEOUT, defaults.readHeaderTimeout()),
                seconds(properties, READ_TIMEOUT, defaults.readTimeout()),
                seconds(properties, WRITE_TIMEOUT, defaults.writeTimeout()),
                seconds(properties, IDLE_TIMEOUT, defaults.idleTimeout()),
                positive(properties, MAX_CONNECTIONS, defaults.maxConnections()));
        return new EndpointSettings(isBlank(identity) ? "" : identity, isBlank(datadir) ? "" : datadir,
                ipcPath.toAbsolutePath(), web(properties, HTTP_ENABLED, HTTP_HOST, HTTP_PORT, DEFAULT_HTTP_PORT, HTTP_API, admin),
                web(properties, WS_ENABLED, WS_HOST, WS_PORT, DEFAULT_WS_PORT, WS_API, false),
                limits, VirtualHosts.parse(text(properties, HTTP_VHOSTS, "localhost")),
                AllowedOrigins.parse(text(properties, HTTP_CORS, "")),
                AllowedOrigins.parse(text(properties, WS_ORIGINS, "")));
    }

    private static Web web(Function<String, String> properties, String enabled, String host, String port,
            int defaultPort, String api, boolean admin) {
        return new Web(flag(properties, enabled), text(properties, host, DEFAULT_HOST),
                port(properties, port, defaultPort), apis(properties, api, admin));
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
