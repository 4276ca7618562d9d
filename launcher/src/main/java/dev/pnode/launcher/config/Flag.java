package dev.pnode.launcher.config;

import java.util.Arrays;
import java.util.Optional;

/** The flags of {@code pnode} (starting a node), geth style: {@code --name value} or {@code --name=value}. */
public enum Flag {
    DATADIR("datadir", "DIR", "./data, relative to the current directory",
            "data directory: logs, plugins, work directories, IPC socket, node id"),
    CONFIG("config", "FILE", "etc/pnode.toml of the distribution, if present",
            "node settings (TOML); flags override its values"),
    PLUGINS("plugins", "FILE", "etc/plugins.json of the distribution, if present",
            "plugin settings (Quorum's JSON format)"),
    VERBOSITY("verbosity", "N", "3", "log level: 0 silent, 1 error, 2 warn, 3 info, 4 debug, 5 trace"),
    LOG_FORMAT("log.format", "FORMAT", "text", "log line format on the console and in the log file: text or json"),
    LOG_MAXSIZE("log.maxsize", "MB", "10", "size in megabytes at which <datadir>/logs/pnode.log is rolled over"),
    LOG_MAXBACKUPS("log.maxbackups", "N", "5", "rolled-over log files kept (pnode.log.1 .. pnode.log.N)"),
    HTTP("http", null, "off", "serve JSON-RPC over HTTP"),
    HTTP_ADDR("http.addr", "HOST", "127.0.0.1", "HTTP JSON-RPC listening address"),
    HTTP_PORT("http.port", "PORT", "8545", "HTTP JSON-RPC listening port"),
    HTTP_API("http.api", "LIST", "rpc,plugin@*",
            "APIs served over HTTP, comma-separated: rpc, admin, plugin@<key>, plugin@*"),
    HTTP_VHOSTS("http.vhosts", "LIST", "localhost",
            "host names HTTP requests may be addressed to (Host header; against DNS rebinding); * for any"),
    HTTP_CORSDOMAIN("http.corsdomain", "LIST", "none", "web origins browsers may call HTTP JSON-RPC from; * for any"),
    HTTP_READ_HEADER_TIMEOUT("http.timeout.readheader", "SECONDS", "30",
            "close a new HTTP/WS connection whose request headers are not complete by then"),
    HTTP_READ_TIMEOUT("http.timeout.read", "SECONDS", "30", "close a request whose body is not complete by then"),
    HTTP_WRITE_TIMEOUT("http.timeout.write", "SECONDS", "30", "close a connection that does not take a response by then"),
    HTTP_IDLE_TIMEOUT("http.timeout.idle", "SECONDS", "120", "close a kept-alive HTTP/WS connection idle that long"),
    HTTP_MAX_CONNECTIONS("http.maxconns", "N", "4096", "HTTP (and WS) connections open at once; more wait"),
    WS("ws", null, "off", "serve JSON-RPC over WebSocket"),
    WS_ADDR("ws.addr", "HOST", "127.0.0.1", "WebSocket JSON-RPC listening address"),
    WS_PORT("ws.port", "PORT", "8546", "WebSocket JSON-RPC listening port"),
    WS_API("ws.api", "LIST", "rpc,plugin@*", "APIs served over WebSocket, as --http.api"),
    WS_ORIGINS("ws.origins", "LIST", "none: only http://localhost",
            "web origins allowed to open WebSocket connections; * for any"),
    METRICS("metrics", null, "off", "serve Prometheus metrics at /metrics and /debug/metrics/prometheus"),
    METRICS_ADDR("metrics.addr", "HOST", "127.0.0.1", "metrics listening address"),
    METRICS_PORT("metrics.port", "PORT", "6060", "metrics listening port"),
    NOINTERACTIVE("nointeractive", null, "on when stdin or stdout is not a terminal",
            "no Gogo console; the node runs as a daemon"),
    HELP("help", null, null, "show this help and exit");

    private final String name;
    private final String valueName;
    private final String defaultValue;
    private final String description;

    Flag(String name, String valueName, String defaultValue, String description) {
        this.name = name;
        this.valueName = valueName;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The flag's name without dashes, e.g. {@code http.port}. */
    public String flagName() {
        return name;
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
        return defaultValue == null ? line : line + String.format("%n  %-33s (default: %s)", "", defaultValue);
    }
}
