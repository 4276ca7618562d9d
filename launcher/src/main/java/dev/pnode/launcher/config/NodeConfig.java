package dev.pnode.launcher.config;

import dev.pnode.api.node.EndpointProperties;
import dev.pnode.launcher.config.ValueType.Base;
import dev.pnode.launcher.config.ValueType.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node settings in effect: the defaults of {@link ConfigKey}, over them the settings file ({@code --config},
 * else the distribution's {@code etc/pnode.toml} when present), over that the flags. Relative paths are resolved
 * here, each against its key's {@link Base}, so that {@link #toToml()} ({@code pnode dumpconfig}) writes a file
 * that means the same from any directory.
 */
public final class NodeConfig {

    static final String DEFAULT_CONFIG = "etc/pnode.toml";
    static final String DEFAULT_PLUGINS = "etc/plugins.json";
    /** Where {@code --http} and {@code --ws} listen unless the settings name a host. */
    public static final String DEFAULT_HOST = EndpointProperties.DEFAULT_HOST;

    private final Map<ConfigKey, Object> values;
    private final Optional<Path> file;

    private NodeConfig(Map<ConfigKey, Object> values, Optional<Path> file) {
        this.values = Collections.unmodifiableMap(values);
        this.file = file;
    }

    /**
     * @param home the distribution directory ({@code pnode.home}): its {@code etc/pnode.toml} and
     *     {@code etc/plugins.json} are the defaults, and relative feature repositories are in it
     */
    public static NodeConfig resolve(CommandLine flags, Path home, Path workingDir)
            throws ConfigException, UsageException {
        TomlSettings toml = settingsFile(flags.config(), home, workingDir);
        Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (key.defaultValue() != null) {
                values.put(key, key.type().fromToml(key.defaultValue()));
            }
        }
        Path defaultPlugins = home.resolve(DEFAULT_PLUGINS);
        if (Files.exists(defaultPlugins)) {
            values.put(ConfigKey.PLUGINS, defaultPlugins);
        }
        values.putAll(toml.values());
        values.putAll(flags.settings());
        if (flags.http()) {
            values.putIfAbsent(ConfigKey.HTTP_HOST, DEFAULT_HOST);
        }
        if (flags.ws()) {
            values.putIfAbsent(ConfigKey.WS_HOST, DEFAULT_HOST);
        }
        values.replaceAll((key, value) -> resolvePaths(key, value, home, workingDir));
        NodeConfig config = new NodeConfig(new EnumMap<>(values), toml.file());
        config.checkPluginVerification();
        return config;
    }

    /** {@code --config}, else the distribution's {@code etc/pnode.toml} when present, else no settings. */
    private static TomlSettings settingsFile(Optional<Path> configFlag, Path home, Path workingDir)
            throws ConfigException {
        Path defaultConfig = home.resolve(DEFAULT_CONFIG);
        Optional<Path> configFile = configFlag.map(workingDir::resolve)
                .or(() -> Optional.of(defaultConfig).filter(Files::isRegularFile));
        return configFile.isPresent() ? TomlSettings.read(configFile.get()) : TomlSettings.empty();
    }

    private static Object resolvePaths(ConfigKey key, Object value, Path home, Path workingDir) {
        Base base = key.type().base();
        if (base == null || base == Base.DATA_DIR) {
            return value;
        }
        Path against = base == Base.HOME ? home : workingDir;
        if (key.type().kind() == Kind.PATHS) {
            return ((List<?>) value).stream().map(path -> absolute(against, (Path) path)).toList();
        }
        return absolute(against, (Path) value);
    }

    private static Path absolute(Path base, Path path) {
        return base.resolve(path).toAbsolutePath().normalize();
    }

    /** Quorum's rules for its flags, here for the keys they set too. */
    private void checkPluginVerification() throws ConfigException {
        if (bool(ConfigKey.PLUGINS_SKIP_VERIFY) && bool(ConfigKey.PLUGINS_LOCAL_VERIFY)) {
            throw new ConfigException("only one of --plugins.skipverify and --plugins.localverify may be given"
                    + " (" + ConfigKey.PLUGINS_SKIP_VERIFY.displayName() + ", "
                    + ConfigKey.PLUGINS_LOCAL_VERIFY.displayName() + ")");
        }
        if (has(ConfigKey.PLUGINS_PUBLIC_KEY) && !bool(ConfigKey.PLUGINS_LOCAL_VERIFY)) {
            throw new ConfigException("--plugins.publickey (" + ConfigKey.PLUGINS_PUBLIC_KEY.displayName()
                    + ") needs --plugins.localverify (" + ConfigKey.PLUGINS_LOCAL_VERIFY.displayName() + ")");
        }
    }

    /** The settings file that was read, if any. */
    public Optional<Path> file() {
        return file;
    }

    public boolean has(ConfigKey key) {
        return values.containsKey(key);
    }

    public String string(ConfigKey key) {
        return (String) values.get(key);
    }

    public int integer(ConfigKey key) {
        return (Integer) values.get(key);
    }

    public boolean bool(ConfigKey key) {
        return Boolean.TRUE.equals(values.get(key));
    }

    public Path path(ConfigKey key) {
        return (Path) values.get(key);
    }

    public Optional<Path> optionalPath(ConfigKey key) {
        return Optional.ofNullable(path(key));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(ConfigKey key) {
        return (List<String>) values.get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Path> paths(ConfigKey key) {
        return (List<Path>) values.get(key);
    }

    /**
     * The settings as a TOML file {@code --config} reads back to the same settings: every key in table order, a
     * key that is not set as a comment.
     */
    public String toToml() {
        StringBuilder text = new StringBuilder("# pnode node settings in effect: defaults, ")
                .append(file.map(path -> path + ", ").orElse("")).append("flags (pnode dumpconfig)\n");
        String section = null;
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.section().equals(section)) {
                section = key.section();
                text.append('\n').append('[').append(section).append("]\n");
            }
            Object value = values.get(key);
            text.append(value == null ? "# " + key.key() + " is not set\n"
                    : key.key() + " = " + key.type().toToml(value) + "\n");
        }
        return text.toString();
    }
}
