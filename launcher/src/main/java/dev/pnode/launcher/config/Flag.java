package dev.pnode.launcher.config;

import java.util.Arrays;
import java.util.Optional;

/** The flags of {@code pnode} (starting a node), geth style: {@code --name value} or {@code --name=value}. */
public enum Flag {
    DATADIR("datadir", "DIR", "~/.pnode ($HOME/.pnode), whatever the current directory",
            "data directory: logs, plugins, work directories, IPC socket, node id"),
    CONFIG("config", "FILE", "etc/pnode.toml of the distribution, if present",
            "node settings (TOML); flags override its values"),
    PLUGINS("plugins", "FILE|URL", "etc/plugins.json of the distribution, if present",
            "plugin settings (Quorum's JSON format): a path or a file:// URL"),
    PLUGINS_SKIP_VERIFY("plugins.skipverify", null, "off: signatures are checked",
            "install plugins from the central WITHOUT checking their signature (Quorum's flag)"),
    PLUGINS_LOCAL_VERIFY("plugins.localverify", null, "off: the key comes from the central (publicKeyURI)",
            "check plugin signatures with a local public key (Quorum's flag)"),
    PLUGINS_PUBLIC_KEY("plugins.publickey", "FILE|URL", "<baseDir>/gpg.key",
            "the public key for --plugins.localverify: a path or a file:// URL"),
    VERBOSITY("verbosity", "N", "3", "log level: 0 silent, 1 error, 2 warn, 3 info, 4 debug, 5 trace"),
    HTTP("http", null, "off", "serve JSON-RPC over HTTP"),
    HTTP_ADDR("http.addr", "HOST", "127.0.0.1", "HTTP JSON-RPC listening address"),
    HTTP_PORT("http.port", "PORT", "8545", "HTTP JSON-RPC listening port"),
    HTTP_API("http.api", "LIST", "rpc,plugin@*",
            "APIs served over HTTP, comma-separated: rpc, admin, plugin@<key>, plugin@*"),
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
        String line = String.format("  %-19s %s", synopsis, description);
        return defaultValue == null ? line : line + String.format("%n  %-19s (default: %s)", "", defaultValue);
    }
}
