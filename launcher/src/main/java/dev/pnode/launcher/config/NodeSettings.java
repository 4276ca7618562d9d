package dev.pnode.launcher.config;

import dev.pnode.launcher.logging.LogOutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the launcher needs to start a node: the flags, over the TOML settings, over the defaults.
 * Relative paths resolve like the matching flag's: {@code DataDir} and {@code Plugins} against the current
 * directory, {@code IPCPath} against the data directory, feature repositories against {@code pnode.home}.
 *
 * @param home the distribution directory (pnode.home)
 * @param dataDir absolute
 * @param ipcPath absolute
 * @param startupTimeout how long to wait for services that report {@code pnode.readiness=starting}
 * @param plugins the checked plugin settings file, absolute; empty = no plugins
 * @param verbosity 0 silent .. 5 trace
 * @param logging the log's format and the log file's rotation
 * @param http the JSON-RPC over HTTP endpoint
 * @param metrics the Prometheus metrics endpoint
 * @param endpointProperties the other web endpoint settings given ({@link EndpointSetting}), as framework properties
 * @param bootFeatures the features to start
 * @param featureRepositories absolute paths of the features XML files
 * @param interactive whether the Gogo console reads the terminal
 */
public record NodeSettings(Path home, Path dataDir, Path ipcPath, Duration startupTimeout, Optional<Path> plugins,
        int verbosity, Logging logging, Http http, Map<String, String> endpointProperties, Metrics metrics,
        List<String> bootFeatures, List<Path> featureRepositories, boolean interactive) {

    public static final String DEFAULT_DATA_DIR = "data";
    public static final String DEFAULT_IPC_FILE = "pnode.ipc";
    public static final int DEFAULT_VERBOSITY = 3;
    static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 60;
    static final String DEFAULT_CONFIG = "etc/pnode.toml";
    static final String DEFAULT_PLUGINS = "etc/plugins.json";
    static final List<String> DEFAULT_BOOT = List.of("pnode");
    static final List<String> DEFAULT_REPOSITORIES = List.of("etc/features.xml");

    /**
     * The log's format, on the console and in {@code <datadir>/logs/pnode.log}, and when that file is rolled over.
     *
     * @param format text or json
     * @param maxSizeMegabytes the size at which the file is rolled over
     * @param maxBackups how many rolled-over files are kept
     */
    public record Logging(LogOutputFormat format, int maxSizeMegabytes, int maxBackups) {
        public static final int DEFAULT_MAX_SIZE_MEGABYTES = 10;
        public static final int DEFAULT_MAX_BACKUPS = 5;
    }

    /**
     * Prometheus metrics over HTTP, on a port of their own (geth's {@code --metrics}).
     *
     * @param enabled off by default
     * @param host listening address
     * @param port listening port
     */
    public record Metrics(boolean enabled, String host, int port) {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 6060;
    }

    /**
     * JSON-RPC over HTTP.
     *
     * @param enabled off by default
     * @param host listening address
     * @param port listening port
     * @param admin whether admin_* methods are served over HTTP
     * @param api the APIs served over HTTP ({@code pnode.http.api}); empty for the RPC bundle's default
     */
    public record Http(boolean enabled, String host, int port, boolean admin, Optional<String> api) {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 8545;
    }

    public NodeSettings {
        endpointProperties = Map.copyOf(endpointProperties);
        bootFeatures = List.copyOf(bootFeatures);
        featureRepositories = List.copyOf(featureRepositories);
    }

    /**
     * Combines the flags with the settings file ({@code --config}, else {@code etc/pnode.toml} of the
     * distribution when present) and checks the plugin settings file.
     *
     * @param terminalAttached whether stdin and stdout are a terminal (an interactive console is possible)
     */
    public static NodeSettings resolve(CommandLine flags, Path home, Path workingDir, boolean terminalAttached)
            throws ConfigException, UsageException {
        TomlSettings toml = settingsFile(flags.config(), home, workingDir);
        Path dataDir = dataDir(flags.dataDir(), toml, workingDir);
        Path ipcPath = ipcPath(dataDir, toml);
        int timeoutSeconds = toml.integer("Node", "StartupTimeout", SettingRanges.STARTUP_TIMEOUT_MIN,
                SettingRanges.STARTUP_TIMEOUT_MAX).orElse(DEFAULT_STARTUP_TIMEOUT_SECONDS);

        Path defaultPlugins = home.resolve(DEFAULT_PLUGINS);
        Optional<Path> plugins = flags.plugins()
                .or(() -> toml.string("Node", "Plugins").map(Path::of))
                .map(path -> absolute(workingDir, path))
                .or(() -> Optional.of(defaultPlugins).filter(Files::exists).map(Path::toAbsolutePath));
        if (plugins.isPresent()) {
            PluginSettingsFile.check(plugins.get());
        }

        int verbosity = flags.verbosity().orElse(toml.integer("Log", "Verbosity", SettingRanges.VERBOSITY_MIN,
                SettingRanges.VERBOSITY_MAX).orElse(DEFAULT_VERBOSITY));
        Logging logging = new Logging(
                flags.logFormat().orElse(toml.choice("Log", "Format", LogOutputFormat::named, "\"text\" or \"json\"")
                        .orElse(LogOutputFormat.TEXT)),
                flags.logMaxSize().orElse(toml.integer("Log", "MaxSize", SettingRanges.LOG_MAXSIZE_MIN,
                        SettingRanges.LOG_MAXSIZE_MAX).orElse(Logging.DEFAULT_MAX_SIZE_MEGABYTES)),
                flags.logMaxBackups().orElse(toml.integer("Log", "MaxBackups", SettingRanges.LOG_MAXBACKUPS_MIN,
                        SettingRanges.LOG_MAXBACKUPS_MAX).orElse(Logging.DEFAULT_MAX_BACKUPS)));
        Http http = new Http(
                flags.httpEnabled().or(() -> toml.bool("HTTP", "Enabled")).orElse(false),
                flags.httpHost().or(() -> toml.string("HTTP", "Host")).orElse(Http.DEFAULT_HOST),
                flags.httpPort().orElse(toml.integer("HTTP", "Port", SettingRanges.PORT_MIN, SettingRanges.PORT_MAX)
                        .orElse(Http.DEFAULT_PORT)),
                toml.bool("HTTP", "Admin").orElse(false),
                flags.httpApi().or(() -> toml.string("HTTP", "Api")));

        Metrics metrics = new Metrics(
                flags.metricsEnabled().or(() -> toml.bool("Metrics", "Enabled")).orElse(false),
                flags.metricsHost().or(() -> toml.string("Metrics", "Host")).orElse(Metrics.DEFAULT_HOST),
                flags.metricsPort().orElse(toml.integer("Metrics", "Port", SettingRanges.PORT_MIN,
                        SettingRanges.PORT_MAX).orElse(Metrics.DEFAULT_PORT)));

        List<Path> repositories = toml.strings("Features", "Repositories").orElse(DEFAULT_REPOSITORIES).stream()
                .map(repository -> absolute(home, Path.of(repository))).toList();
        return new NodeSettings(home.toAbsolutePath().normalize(), dataDir, ipcPath,
                Duration.ofSeconds(timeoutSeconds), plugins, verbosity, logging, http,
                EndpointSetting.resolve(flags, toml), metrics,
                toml.strings("Features", "Boot").orElse(DEFAULT_BOOT), repositories,
                terminalAttached && !flags.noInteractive());
    }

    /**
     * The IPC socket of a node started with these flags and settings file, for {@code pnode rpc}: the same
     * rules as for starting a node.
     */
    public static Path ipcPath(Optional<Path> configFlag, Optional<Path> dataDirFlag, Path home, Path workingDir)
            throws ConfigException {
        TomlSettings toml = settingsFile(configFlag, home, workingDir);
        return ipcPath(dataDir(dataDirFlag, toml, workingDir), toml);
    }

    /** The data directory of a node started with these flags and settings file, for {@code pnode attach}. */
    public static Path dataDir(Optional<Path> configFlag, Optional<Path> dataDirFlag, Path home, Path workingDir)
            throws ConfigException {
        return dataDir(dataDirFlag, settingsFile(configFlag, home, workingDir), workingDir);
    }

    /** {@code --config}, else the distribution's {@code etc/pnode.toml} when present, else no settings. */
    private static TomlSettings settingsFile(Optional<Path> configFlag, Path home, Path workingDir)
            throws ConfigException {
        Path defaultConfig = home.resolve(DEFAULT_CONFIG);
        Optional<Path> configFile = configFlag.map(workingDir::resolve)
                .or(() -> Optional.of(defaultConfig).filter(Files::isRegularFile));
        return configFile.isPresent() ? TomlSettings.read(configFile.get()) : TomlSettings.empty();
    }

    private static Path dataDir(Optional<Path> flag, TomlSettings toml, Path workingDir) {
        return absolute(workingDir, flag.or(() -> toml.string("Node", "DataDir").map(Path::of))
                .orElse(Path.of(DEFAULT_DATA_DIR)));
    }

    private static Path ipcPath(Path dataDir, TomlSettings toml) {
        return dataDir.resolve(toml.string("Node", "IPCPath").orElse(DEFAULT_IPC_FILE)).normalize();
    }

    private static Path absolute(Path base, Path path) {
        return base.resolve(path).toAbsolutePath().normalize();
    }
}
