package dev.pnode.launcher.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-RPC web endpoints' settings beyond {@link NodeSettings.Http}: each settings key (and so its flag) and the
 * framework property the rpc bundle reads (bundles/rpc/README.md says what each does). One home for the pairing.
 */
public enum EndpointSetting {
    HTTP_VHOSTS(ConfigKey.HTTP_VIRTUAL_HOSTS, "pnode.http.vhosts"),
    HTTP_CORS(ConfigKey.HTTP_CORS, "pnode.http.corsdomain"),
    READ_HEADER_TIMEOUT(ConfigKey.HTTP_READ_HEADER_TIMEOUT, "pnode.http.timeout.readheader"),
    READ_TIMEOUT(ConfigKey.HTTP_READ_TIMEOUT, "pnode.http.timeout.read"),
    WRITE_TIMEOUT(ConfigKey.HTTP_WRITE_TIMEOUT, "pnode.http.timeout.write"),
    IDLE_TIMEOUT(ConfigKey.HTTP_IDLE_TIMEOUT, "pnode.http.timeout.idle"),
    MAX_CONNECTIONS(ConfigKey.HTTP_MAX_CONNECTIONS, "pnode.http.maxconns"),
    WS_HOST(ConfigKey.WS_HOST, "pnode.ws.host"),
    WS_PORT(ConfigKey.WS_PORT, "pnode.ws.port"),
    WS_API(ConfigKey.WS_MODULES, "pnode.ws.api"),
    WS_ORIGINS(ConfigKey.WS_ORIGINS, "pnode.ws.origins");

    /** WebSocket is on when {@code [Node] WSHost} is set (by the file, {@code --ws} or {@code --ws.addr}), as in geth. */
    static final String WS_ENABLED = "pnode.ws.enabled";

    private final ConfigKey key;
    private final String property;

    EndpointSetting(ConfigKey key, String property) {
        this.key = key;
        this.property = property;
    }

    /** The framework properties of the settings in effect; lists comma-separated. */
    static Map<String, String> properties(NodeConfig config) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (EndpointSetting setting : values()) {
            if (config.has(setting.key)) {
                properties.put(setting.property, text(config, setting.key));
            }
        }
        properties.put(WS_ENABLED, Boolean.toString(config.has(ConfigKey.WS_HOST)));
        return properties;
    }

    private static String text(NodeConfig config, ConfigKey key) {
        return switch (key.type().kind()) {
            case STRINGS -> String.join(",", config.strings(key));
            case INTEGER -> Integer.toString(config.integer(key));
            default -> config.string(key);
        };
    }
}
