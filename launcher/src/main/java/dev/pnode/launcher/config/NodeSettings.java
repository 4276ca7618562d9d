package dev.pnode.launcher.config;

import dev.pnode.api.node.EndpointProperties;
import dev.pnode.launcher.logging.LogOutputFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the launcher needs to start a node, taken from the settings in effect ({@link NodeConfig}: the flags,
 * over the TOML settings, over the defaults).
 *
 * @param home the distribution directory (pnode.home)
 * @param dataDir absolute
 * @param ipcPath absolute
 * @param startupTimeout how long to wait for services that report {@code pnode.readiness=starting}
 * @param plugins the plugin settings file, absolute, checked to be a readable file; empty = no plugins
 * @param pluginVerification Quorum's verification flags, for the plugin host
 * @param verbosity 0 silent .. 5 trace
 * @param logging the log's format and the log file's rotation
 * @param http the JSON-RPC over HTTP endpoint
 * @param endpointProperties the other web endpoint settings ({@link EndpointSetting}), as framework properties
 * @param metrics the Prometheus metrics endpoint
 * @param bootFeatures the features to start
 * @param featureRepositories absolute paths of the features XML files
 * @param interactive whether the Gogo console reads the terminal
 */
public record NodeSettings(Path home, Path dataDir, Path ipcPath, Duration startupTimeout, Optional<Path> plugins,
        PluginVerification pluginVerification, int verbosity, Logging logging, Http http,
        Map<String, String> endpointProperties, Metrics metrics, List<String> bootFeatures, List<Path> featureRepositories,
        boolean interactive) {

    /** The default data directory's name in the user's home directory ({@code $HOME}). */
    public static final String DEFAULT_DATA_DIR = ".pnode";

    /**
     * The log's format, on the console and in {@code <datadir>/logs/pnode.log}, and when that file is rolled over.
     *
     * @param format text or json
     * @param maxSizeMegabytes the size at which the file is rolled over
     * @param maxBackups how many rolled-over files are kept
     */
    public record Logging(LogOutputFormat format, int maxSizeMegabytes, int maxBackups) {
    }

    /**
     * Prometheus metrics over HTTP, on a port of their own (geth's {@code --metrics}, {@code [Metrics]}).
     *
     * @param enabled off by default
     * @param host listening address
     * @param port listening port
     */
    public record Metrics(boolean enabled, String host, int port) {
    }

    /**
     * JSON-RPC over HTTP.
     *
     * @param enabled on when {@code [Node] HTTPHost} is set (by the file, {@code --http} or {@code --http.addr})
     * @param host listening address
     * @param port listening port
     * @param api the APIs served over HTTP ({@code pnode.http.api}), comma-separated
     */
    public record Http(boolean enabled, String host, int port, String api) {
    }

    public NodeSettings {
        endpointProperties = Map.copyOf(endpointProperties);
        bootFeatures = List.copyOf(bootFeatures);
        featureRepositories = List.copyOf(featureRepositories);
    }

    /** Whether an endpoint needs the HTTP stack from the start: {@code --http}, {@code --ws} or {@code --metrics}. */
    public boolean httpStackAtBoot() {
        return http.enabled() || metrics.enabled()
                || Boolean.parseBoolean(endpointProperties.get(EndpointProperties.WS_ENABLED));
    }

    /**
     * Combines the flags with the settings file ({@code --config}, else {@code etc/pnode.toml} of the
     * distribution when present) and checks that the plugin settings file can be read.
     *
     * @param terminalAttached whether stdin and stdout are a terminal (an interactive console is possible)
     */
    public static NodeSettings resolve(CommandLine flags, Path home, Path workingDir, boolean terminalAttached)
            throws ConfigException, UsageException {
        NodeConfig config = NodeConfig.resolve(flags, home, workingDir);
        Optional<Path> plugins = config.optionalPath(ConfigKey.PLUGINS);
        if (plugins.isPresent()) {
            PluginSettingsFile.check(plugins.get());
        }
        Path dataDir = config.path(ConfigKey.DATA_DIR);
        Http http = new Http(config.has(ConfigKey.HTTP_HOST),
                config.has(ConfigKey.HTTP_HOST) ? config.string(ConfigKey.HTTP_HOST) : NodeConfig.DEFAULT_HOST,
                config.integer(ConfigKey.HTTP_PORT), String.join(",", config.strings(ConfigKey.HTTP_MODULES)));
        return new NodeSettings(home.toAbsolutePath().normalize(), dataDir, ipcPath(config),
                Duration.ofSeconds(config.integer(ConfigKey.STARTUP_TIMEOUT)), plugins,
                new PluginVerification(config.bool(ConfigKey.PLUGINS_SKIP_VERIFY),
                        config.bool(ConfigKey.PLUGINS_LOCAL_VERIFY), config.optionalPath(ConfigKey.PLUGINS_PUBLIC_KEY)),
                config.integer(ConfigKey.VERBOSITY), logging(config), http, EndpointSetting.properties(config),
                new Metrics(config.bool(ConfigKey.METRICS_ENABLED), config.string(ConfigKey.METRICS_HTTP),
                        config.integer(ConfigKey.METRICS_PORT)),
                config.strings(ConfigKey.FEATURES_BOOT),
                config.paths(ConfigKey.FEATURES_REPOSITORIES), terminalAttached && !flags.noInteractive());
    }

    /**
     * The IPC socket of a node started with these flags and settings file, for {@code pnode rpc}: the same
     * rules as for starting a node.
     */
    public static Path ipcPath(Optional<Path> configFlag, Optional<Path> dataDirFlag, Path home, Path workingDir)
            throws ConfigException, UsageException {
        return ipcPath(clientConfig(configFlag, dataDirFlag, home, workingDir));
    }

    /** The data directory of a node started with these flags and settings file, for {@code pnode attach}. */
    public static Path dataDir(Optional<Path> configFlag, Optional<Path> dataDirFlag, Path home, Path workingDir)
            throws ConfigException, UsageException {
        return clientConfig(configFlag, dataDirFlag, home, workingDir).path(ConfigKey.DATA_DIR);
    }

    /** The settings a node started with just these two flags would have. */
    private static NodeConfig clientConfig(Optional<Path> configFlag, Optional<Path> dataDirFlag, Path home,
            Path workingDir) throws ConfigException, UsageException {
        List<String> arguments = new ArrayList<>();
        configFlag.ifPresent(config -> arguments.addAll(List.of("--" + Flag.CONFIG.flagName(), config.toString())));
        dataDirFlag.ifPresent(dir -> arguments.addAll(List.of("--" + Flag.DATADIR.flagName(), dir.toString())));
        return NodeConfig.resolve(CommandLine.parse(arguments.toArray(String[]::new)), home, workingDir);
    }

    private static Logging logging(NodeConfig config) {
        return new Logging(LogOutputFormat.named(config.string(ConfigKey.LOG_FORMAT)).orElseThrow(),
                config.integer(ConfigKey.LOG_MAX_SIZE), config.integer(ConfigKey.LOG_MAX_BACKUPS));
    }

    /** {@code $HOME/.pnode}: the same for every current directory, like geth's {@code ~/.ethereum}. */
    public static Path defaultDataDir() {
        return UserHome.directory().resolve(DEFAULT_DATA_DIR);
    }

    private static Path ipcPath(NodeConfig config) {
        return config.path(ConfigKey.DATA_DIR).resolve(config.path(ConfigKey.IPC_PATH)).normalize();
    }
}
