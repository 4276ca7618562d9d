package dev.pnode.launcher.config;

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
    HTTP("http", null, null, "off", "serve JSON-RPC over HTTP (at --http.addr, default 127.0.0.1)"),
    HTTP_ADDR("http.addr", ConfigKey.HTTP_HOST, "HOST", "127.0.0.1",
            "HTTP JSON-RPC listening address; turns HTTP on, like [Node] HTTPHost"),
    HTTP_PORT("http.port", ConfigKey.HTTP_PORT, "PORT", "8545", "HTTP JSON-RPC listening port"),
    HTTP_API("http.api", ConfigKey.HTTP_MODULES, "LIST", "rpc,plugin@*",
            "APIs served over HTTP, comma-separated: rpc, admin, plugin@<key>, plugin@*"),
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
        String line = String.format("  %-29s %s", synopsis, description);
        String keyName = key == null ? "" : "; TOML " + key.displayName();
        return defaultValue == null ? line
                : line + String.format("%n  %-29s (default: %s%s)", "", defaultValue, keyName);
    }
}
