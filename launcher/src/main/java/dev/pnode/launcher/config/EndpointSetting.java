package dev.pnode.launcher.config;

import dev.pnode.api.node.EndpointProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-RPC web endpoints' settings beyond {@link NodeSettings.Http}: each settings key (and so its flag) and the
 * framework property the rpc bundle reads (bundles/rpc/README.md says what each does). One home for the pairing.
 */
public enum EndpointSetting {
    HTTP_VHOSTS(ConfigKey.HTTP_VIRTUAL_HOSTS, EndpointProperties.HTTP_VHOSTS),
    HTTP_CORS(ConfigKey.HTTP_CORS, EndpointProperties.HTTP_CORS),
    READ_HEADER_TIMEOUT(ConfigKey.HTTP_READ_HEADER_TIMEOUT, EndpointProperties.READ_HEADER_TIMEOUT),
    READ_TIMEOUT(ConfigKey.HTTP_READ_TIMEOUT, EndpointProperties.READ_TIMEOUT),
    WRITE_TIMEOUT(ConfigKey.HTTP_WRITE_TIMEOUT, EndpointProperties.WRITE_TIMEOUT),
    IDLE_TIMEOUT(ConfigKey.HTTP_IDLE_TIMEOUT, EndpointProperties.IDLE_TIMEOUT),
    MAX_CONNECTIONS(ConfigKey.HTTP_MAX_CONNECTIONS, EndpointProperties.MAX_CONNECTIONS),
    WS_HOST(ConfigKey.WS_HOST, EndpointProperties.WS_HOST),
    WS_PORT(ConfigKey.WS_PORT, EndpointProperties.WS_PORT),
    WS_API(ConfigKey.WS_MODULES, EndpointProperties.WS_API),
    WS_ORIGINS(ConfigKey.WS_ORIGINS, EndpointProperties.WS_ORIGINS);

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
        // WebSocket is on when [Node] WSHost is set (by the file, --ws or --ws.addr), as in geth
        properties.put(EndpointProperties.WS_ENABLED, Boolean.toString(config.has(ConfigKey.WS_HOST)));
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
