package dev.pnode.launcher.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON-RPC web endpoints' settings beyond {@link NodeSettings.Http}: for each, its flag, its TOML key and the
 * framework property the rpc bundle reads (bundles/rpc/README.md says what each does). One home for the three names.
 */
public enum EndpointSetting {
    HTTP_VHOSTS(Flag.HTTP_VHOSTS, "HTTP", "VirtualHosts", Kind.TEXT, "pnode.http.vhosts"),
    HTTP_CORS(Flag.HTTP_CORSDOMAIN, "HTTP", "CorsDomain", Kind.TEXT, "pnode.http.corsdomain"),
    READ_HEADER_TIMEOUT(Flag.HTTP_READ_HEADER_TIMEOUT, "HTTP", "ReadHeaderTimeout", Kind.SECONDS,
            "pnode.http.timeout.readheader"),
    READ_TIMEOUT(Flag.HTTP_READ_TIMEOUT, "HTTP", "ReadTimeout", Kind.SECONDS, "pnode.http.timeout.read"),
    WRITE_TIMEOUT(Flag.HTTP_WRITE_TIMEOUT, "HTTP", "WriteTimeout", Kind.SECONDS, "pnode.http.timeout.write"),
    IDLE_TIMEOUT(Flag.HTTP_IDLE_TIMEOUT, "HTTP", "IdleTimeout", Kind.SECONDS, "pnode.http.timeout.idle"),
    MAX_CONNECTIONS(Flag.HTTP_MAX_CONNECTIONS, "HTTP", "MaxConnections", Kind.COUNT, "pnode.http.maxconns"),
    WS(Flag.WS, "WS", "Enabled", Kind.SWITCH, "pnode.ws.enabled"),
    WS_ADDR(Flag.WS_ADDR, "WS", "Host", Kind.TEXT, "pnode.ws.host"),
    WS_PORT(Flag.WS_PORT, "WS", "Port", Kind.PORT, "pnode.ws.port"),
    WS_API(Flag.WS_API, "WS", "Api", Kind.TEXT, "pnode.ws.api"),
    WS_ORIGINS(Flag.WS_ORIGINS, "WS", "Origins", Kind.TEXT, "pnode.ws.origins");

    /** What a value may be. */
    enum Kind {
        TEXT(null, 0, 0), SWITCH(TomlSettings.Type.BOOLEAN, 0, 0), PORT(TomlSettings.Type.INTEGER,
                SettingRanges.PORT_MIN, SettingRanges.PORT_MAX), SECONDS(TomlSettings.Type.INTEGER, 1, 86_400),
        COUNT(TomlSettings.Type.INTEGER, 1, 1_000_000);

        private final TomlSettings.Type tomlType;
        private final int min;
        private final int max;

        Kind(TomlSettings.Type tomlType, int min, int max) {
            this.tomlType = tomlType == null ? TomlSettings.Type.STRING : tomlType;
            this.min = min;
            this.max = max;
        }
    }

    private final Flag flag;
    private final String section;
    private final String key;
    private final Kind kind;
    private final String property;

    EndpointSetting(Flag flag, String section, String key, Kind kind, String property) {
        this.flag = flag;
        this.section = section;
        this.key = key;
        this.kind = kind;
        this.property = property;
    }

    String section() {
        return section;
    }

    String key() {
        return key;
    }

    TomlSettings.Type tomlType() {
        return kind.tomlType;
    }

    /** The framework properties of every setting given as a flag or in the TOML file (flags win). */
    static Map<String, String> resolve(CommandLine flags, TomlSettings toml) throws UsageException, ConfigException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (EndpointSetting setting : values()) {
            Optional<String> value = setting.fromFlag(flags);
            if (value.isEmpty()) {
                value = setting.fromToml(toml);
            }
            value.ifPresent(v -> properties.put(setting.property, v));
        }
        return properties;
    }

    /** Checks the flags' values (each problem names the flag). */
    static void validate(CommandLine flags) throws UsageException {
        for (EndpointSetting setting : values()) {
            setting.fromFlag(flags);
        }
    }

    private Optional<String> fromFlag(CommandLine flags) throws UsageException {
        Optional<String> value = flags.value(flag);
        if (value.isEmpty() || kind == Kind.TEXT || kind == Kind.SWITCH) {
            return value;
        }
        return Optional.of(Integer.toString(flags.integer(flag, kind.min, kind.max).orElseThrow()));
    }

    private Optional<String> fromToml(TomlSettings toml) throws ConfigException {
        return switch (kind) {
            case TEXT -> toml.string(section, key);
            case SWITCH -> toml.bool(section, key).map(String::valueOf);
            default -> toml.integer(section, key, kind.min, kind.max).map(String::valueOf);
        };
    }

    /** The TOML keys of one section, in order. */
    static Map<String, TomlSettings.Type> tomlKeys(String section) {
        Map<String, TomlSettings.Type> keys = new LinkedHashMap<>();
        Arrays.stream(values()).filter(setting -> setting.section.equals(section))
                .forEach(setting -> keys.put(setting.key, setting.tomlType()));
        return keys;
    }
}
