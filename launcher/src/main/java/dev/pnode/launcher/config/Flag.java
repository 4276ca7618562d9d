package dev.pnode.launcher.config;

import dev.pnode.api.node.EndpointProperties;
import java.util.Arrays;
import java.util.Optional;

/**
 * The flags of {@code pnode} (starting a node, {@code dumpconfig}), geth style: {@code --name value} or
 * {@code --name=value}. A flag that sets a settings key names it: its value replaces the file's.
 */
public enum Flag {
    DATADIR("datadir", ConfigKey.DATA_DIR, "DIR", "~/.pnode ($HOME/.pnode), whatever the current directory",
            "data directory: logs, plugins, work directories, IPC socket, node id"),
    CONFIG("config", null, "FILE", "etc/pnode.toml of the distribution, if present",
            "node settings (TOML, geth's key names); flags override its values"),
    PLUGINS("plugins", ConfigKey.PLUGINS, "FILE|URL", "etc/plugins.json of the distribution, if present",
            "plugin settings (Quorum's JSON format): a path or a file:// URL"),
    PLUGINS_SKIP_VERIFY("plugins.skipverify", ConfigKey.PLUGINS_SKIP_VERIFY, null, "off: signatures are checked",
            "install plugins from the central WITHOUT checking their signature (Quorum's flag)"),
    PLUGINS_LOCAL_VERIFY("plugins.localverify", ConfigKey.PLUGINS_LOCAL_VERIFY, null,
            "off: the key comes from the central (publicKeyURI)",
            "check plugin signatures with a local public key (Quorum's flag)"),
    PLUGINS_PUBLIC_KEY("plugins.publickey", ConfigKey.PLUGINS_PUBLIC_KEY, "FILE|URL", "<baseDir>/gpg.key",
            "the public key for --plugins.localverify: a path or a file:// URL"),
    VERBOSITY("verbosity", ConfigKey.VERBOSITY, "N", "3",
            "log level: 0 silent, 1 error, 2 warn, 3 info, 4 debug, 5 trace"),
    LOG_FORMAT("log.format", ConfigKey.LOG_FORMAT, "FORMAT", "text",
            "log line format on the console and in the log file: text or json"),
    LOG_MAXSIZE("log.maxsize", ConfigKey.LOG_MAX_SIZE, "MB", "10",
            "size in megabytes at which <datadir>/logs/pnode.log is rolled over"),
    LOG_MAXBACKUPS("log.maxbackups", ConfigKey.LOG_MAX_BACKUPS, "N", "5",
            "rolled-over log files kept (pnode.log.1 .. pnode.log.N)"),
    HTTP("http", null, null, "off", "serve JSON-RPC over HTTP (at --http.addr, default 127.0.0.1)"),
    HTTP_ADDR("http.addr", ConfigKey.HTTP_HOST, "HOST", "127.0.0.1",
            "HTTP JSON-RPC listening address; turns HTTP on, like [Node] HTTPHost"),
    HTTP_PORT("http.port", ConfigKey.HTTP_PORT, "PORT", "" + EndpointProperties.DEFAULT_HTTP_PORT,
            "HTTP JSON-RPC listening port"),
    HTTP_API("http.api", ConfigKey.HTTP_MODULES, "LIST", "rpc,plugin@*",
            "APIs served over HTTP, comma-separated: rpc, admin, plugin@<key>, plugin@*"),
    HTTP_VHOSTS("http.vhosts", ConfigKey.HTTP_VIRTUAL_HOSTS, "LIST", "localhost",
            "host names HTTP requests may be addressed to (Host header; against DNS rebinding); * for any"),
    HTTP_CORSDOMAIN("http.corsdomain", ConfigKey.HTTP_CORS, "LIST", "none",
            "web origins browsers may call HTTP JSON-RPC from; * for any"),
    HTTP_READ_HEADER_TIMEOUT("http.timeout.readheader", ConfigKey.HTTP_READ_HEADER_TIMEOUT, "SECONDS", "30",
            "close a new HTTP/WS connection whose request headers are not complete by then"),
    HTTP_READ_TIMEOUT("http.timeout.read", ConfigKey.HTTP_READ_TIMEOUT, "SECONDS", "30",
            "close a request whose body is not complete by then"),
    HTTP_WRITE_TIMEOUT("http.timeout.write", ConfigKey.HTTP_WRITE_TIMEOUT, "SECONDS", "30",
            "close a connection that does not take a response by then"),
    HTTP_IDLE_TIMEOUT("http.timeout.idle", ConfigKey.HTTP_IDLE_TIMEOUT, "SECONDS", "120",
            "close a kept-alive HTTP/WS connection idle that long"),
    HTTP_MAX_CONNECTIONS("http.maxconns", ConfigKey.HTTP_MAX_CONNECTIONS, "N", "4096",
            "HTTP (and WS) connections open at once; more wait"),
    WS("ws", null, null, "off", "serve JSON-RPC over WebSocket (at --ws.addr, default 127.0.0.1)"),
    WS_ADDR("ws.addr", ConfigKey.WS_HOST, "HOST", "127.0.0.1",
            "WebSocket JSON-RPC listening address; turns WebSocket on, like [Node] WSHost"),
    WS_PORT("ws.port", ConfigKey.WS_PORT, "PORT", "" + EndpointProperties.DEFAULT_WS_PORT,
            "WebSocket JSON-RPC listening port"),
    WS_API("ws.api", ConfigKey.WS_MODULES, "LIST", "rpc,plugin@*", "APIs served over WebSocket, as --http.api"),
    WS_ORIGINS("ws.origins", ConfigKey.WS_ORIGINS, "LIST", "none: only http://localhost",
            "web origins allowed to open WebSocket connections; * for any"),
    METRICS("metrics", ConfigKey.METRICS_ENABLED, null, "off",
            "serve Prometheus metrics at /metrics and /debug/metrics/prometheus on a port of their own"),
    METRICS_ADDR("metrics.addr", ConfigKey.METRICS_HTTP, "HOST", "127.0.0.1", "metrics listening address"),
    METRICS_PORT("metrics.port", ConfigKey.METRICS_PORT, "PORT", "6060", "metrics listening port"),
    NOINTERACTIVE("nointeractive", null, null, "on when stdin or stdout is not a terminal",
            "no Gogo console; the node runs as a daemon"),
    HELP("help", null, null, null, "show this help and exit");

    private final String name;
    private final ConfigKey key;
    private final String valueName;
    private final String defaultValue;
    private final String description;

    /**
     * @param key the settings key the flag sets, null for flags that are not settings
     * @param valueName null for a switch (a flag without a value)
     */
    Flag(String name, ConfigKey key, String valueName, String defaultValue, String description) {
        this.name = name;
        this.key = key;
        this.valueName = valueName;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The flag's name without dashes, e.g. {@code http.port}. */
    public String flagName() {
        return name;
    }

    /** The settings key the flag sets, if it sets one. */
    public Optional<ConfigKey> key() {
        return Optional.ofNullable(key);
    }

    public boolean takesValue() {
        return valueName != null;
    }

    static Optional<Flag> named(String name) {
        return Arrays.stream(values()).filter(flag -> flag.name.equals(name)).findFirst();
    }

    /** One line of the help text. */
    String usageLine() {
        String synopsis = "--" + name + (takesValue() ? " " + valueName : "");
        String line = String.format("  %-33s %s", synopsis, description);
        String keyName = key == null ? "" : "; TOML " + key.displayName();
        return defaultValue == null ? line
                : line + String.format("%n  %-33s (default: %s%s)", "", defaultValue, keyName);
    }
}
