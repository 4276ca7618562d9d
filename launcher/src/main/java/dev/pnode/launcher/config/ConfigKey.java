package dev.pnode.launcher.config;

import dev.pnode.api.node.EndpointProperties;
import dev.pnode.launcher.config.ValueType.Base;
import java.util.List;

/**
 * Every key of the node settings file ({@code --config}, TOML), one line each: section and name (geth's names
 * where geth has the setting), type, default, and the names the key had before (a file that still uses one is
 * refused with a message naming the new key). The reader ({@link TomlSettings}), the effective settings
 * ({@link NodeConfig}) and {@code pnode dumpconfig} all go by this table; a flag names its key in {@link Flag}.
 * A null default means "not set" ({@code HTTPHost}, {@code WSHost}: that endpoint is off; see {@link NodeConfig}
 * for {@code Plugins}). A section's keys stand together, so {@code dumpconfig} writes each section once.
 */
public enum ConfigKey {
    DATA_DIR("Node", "DataDir", ValueType.path(Base.WORKING_DIR), "~/" + NodeSettings.DEFAULT_DATA_DIR),
    IPC_PATH("Node", "IPCPath", ValueType.path(Base.DATA_DIR), EndpointProperties.DEFAULT_IPC_FILE),
    STARTUP_TIMEOUT("Node", "StartupTimeout", ValueType.integer(1, 3600), 60L),
    PLUGINS("Node", "Plugins", ValueType.path(Base.WORKING_DIR), null),
    PLUGINS_SKIP_VERIFY("Node", "PluginsSkipVerify", ValueType.BOOLEAN, false),
    PLUGINS_LOCAL_VERIFY("Node", "PluginsLocalVerify", ValueType.BOOLEAN, false),
    PLUGINS_PUBLIC_KEY("Node", "PluginsPublicKey", ValueType.path(Base.WORKING_DIR), null),
    HTTP_HOST("Node", "HTTPHost", ValueType.STRING, null, "HTTP.Host"),
    HTTP_PORT("Node", "HTTPPort", ValueType.integer(1, 65535), (long) EndpointProperties.DEFAULT_HTTP_PORT,
            "HTTP.Port"),
    HTTP_MODULES("Node", "HTTPModules", ValueType.STRINGS, List.of("rpc", "plugin@*"), "HTTP.Api"),
    HTTP_VIRTUAL_HOSTS("Node", "HTTPVirtualHosts", ValueType.STRINGS, List.of("localhost")),
    HTTP_CORS("Node", "HTTPCors", ValueType.STRINGS, List.of()),
    HTTP_MAX_CONNECTIONS("Node", "HTTPMaxConnections", ValueType.integer(1, 1_000_000), 4096L),
    WS_HOST("Node", "WSHost", ValueType.STRING, null),
    WS_PORT("Node", "WSPort", ValueType.integer(1, 65535), (long) EndpointProperties.DEFAULT_WS_PORT),
    WS_MODULES("Node", "WSModules", ValueType.STRINGS, List.of("rpc", "plugin@*")),
    WS_ORIGINS("Node", "WSOrigins", ValueType.STRINGS, List.of()),
    // geth writes these durations in nanoseconds; pnode counts whole seconds
    HTTP_READ_HEADER_TIMEOUT("Node.HTTPTimeouts", "ReadHeaderTimeout", ValueType.integer(1, 86_400), 30L),
    HTTP_READ_TIMEOUT("Node.HTTPTimeouts", "ReadTimeout", ValueType.integer(1, 86_400), 30L),
    HTTP_WRITE_TIMEOUT("Node.HTTPTimeouts", "WriteTimeout", ValueType.integer(1, 86_400), 30L),
    HTTP_IDLE_TIMEOUT("Node.HTTPTimeouts", "IdleTimeout", ValueType.integer(1, 86_400), 120L),
    VERBOSITY("Log", "Verbosity", ValueType.integer(0, 5), 3L),
    LOG_FORMAT("Log", "Format", ValueType.choice("text", "json"), "text"),
    LOG_MAX_SIZE("Log", "MaxSize", ValueType.integer(1, 100_000), 10L),
    LOG_MAX_BACKUPS("Log", "MaxBackups", ValueType.integer(1, 1000), 5L),
    METRICS_ENABLED("Metrics", "Enabled", ValueType.BOOLEAN, false),
    METRICS_HTTP("Metrics", "HTTP", ValueType.STRING, "127.0.0.1"),
    METRICS_PORT("Metrics", "Port", ValueType.integer(1, 65535), 6060L),
    FEATURES_BOOT("Features", "Boot", ValueType.STRINGS, List.of("pnode")),
    FEATURES_REPOSITORIES("Features", "Repositories", ValueType.paths(Base.HOME), List.of("etc/features.xml"));

    private final String section;
    private final String key;
    private final ValueType type;
    private final Object defaultValue;
    private final List<String> formerNames;

    /** @param defaultValue as TOML would hold it (String, Long, Boolean, List of String), null for none */
    ConfigKey(String section, String key, ValueType type, Object defaultValue, String... formerNames) {
        this.section = section;
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.formerNames = List.of(formerNames);
    }

    public String section() {
        return section;
    }

    /** The key's name within its section, e.g. {@code HTTPPort}. */
    public String key() {
        return key;
    }

    public ValueType type() {
        return type;
    }

    /** The default as TOML would hold it, or null when the key is unset by default. */
    Object defaultValue() {
        return defaultValue;
    }

    /** Earlier names, {@code Section.Key}. */
    List<String> formerNames() {
        return formerNames;
    }

    /** {@code [Node] HTTPPort}, as messages name it. */
    public String displayName() {
        return "[" + section + "] " + key;
    }
}
