package dev.pnode.launcher.config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * The node settings file ({@code --config}, TOML, like geth's). Only the sections and keys below exist; any
 * other is an error naming it and its line, so that a typo never goes unnoticed:
 *
 * <pre>
 * [Node]     DataDir, IPCPath, StartupTimeout (seconds), Plugins
 * [Log]      Verbosity, Format, MaxSize (megabytes), MaxBackups
 * [HTTP]     Enabled, Host, Port, Admin, Api, and {@link EndpointSetting}'s: VirtualHosts, CorsDomain,
 *            ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout (seconds), MaxConnections
 * [WS]       Enabled, Host, Port, Api, Origins ({@link EndpointSetting})
 * [Metrics]  Enabled, Host, Port
 * [Features] Boot, Repositories
 * </pre>
 */
public final class TomlSettings {

    enum Type {
        STRING("a string"), INTEGER("an integer"), BOOLEAN("true or false"), STRINGS("an array of strings");

        private final String description;

        Type(String description) {
            this.description = description;
        }
    }

    private static final Map<String, Map<String, Type>> SCHEMA = new LinkedHashMap<>();

    static {
        SCHEMA.put("Node", ordered("DataDir", Type.STRING, "IPCPath", Type.STRING, "StartupTimeout", Type.INTEGER,
                "Plugins", Type.STRING));
        SCHEMA.put("Log", ordered("Verbosity", Type.INTEGER, "Format", Type.STRING, "MaxSize", Type.INTEGER,
                "MaxBackups", Type.INTEGER));
        SCHEMA.put("HTTP", ordered("Enabled", Type.BOOLEAN, "Host", Type.STRING, "Port", Type.INTEGER,
                "Admin", Type.BOOLEAN, "Api", Type.STRING));
        SCHEMA.get("HTTP").putAll(EndpointSetting.tomlKeys("HTTP"));
        SCHEMA.put("WS", EndpointSetting.tomlKeys("WS"));
        SCHEMA.put("Metrics", ordered("Enabled", Type.BOOLEAN, "Host", Type.STRING, "Port", Type.INTEGER));
        SCHEMA.put("Features", ordered("Boot", Type.STRINGS, "Repositories", Type.STRINGS));
    }

    private final Path file;
    private final TomlTable toml;

    private TomlSettings(Path file, TomlTable toml) {
        this.file = file;
        this.toml = toml;
    }

    /** No settings file: every value empty. */
    public static TomlSettings empty() {
        return new TomlSettings(null, Toml.parse(""));
    }

    /** Reads and checks a settings file; the exception names the file, the line and the key at fault. */
    public static TomlSettings read(Path file) throws ConfigException {
        TomlParseResult result;
        try {
            result = Toml.parse(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e, e);
        }
        if (result.hasErrors()) {
            TomlParseError error = result.errors().get(0);
            throw new ConfigException(file + ":" + error.position().line() + ":" + error.position().column()
                    + ": invalid TOML: " + error.getMessage());
        }
        TomlSettings settings = new TomlSettings(file, result);
        settings.checkSchema();
        return settings;
    }

    private void checkSchema() throws ConfigException {
        for (String section : toml.keySet()) {
            Map<String, Type> keys = SCHEMA.get(section);
            Object value = toml.get(List.of(section));
            if (keys == null || !(value instanceof TomlTable table)) {
                throw error(List.of(section), (keys == null ? "unknown " : "") + "'" + section
                        + "': settings belong in the sections " + sectionNames());
            }
            for (String key : table.keySet()) {
                List<String> path = List.of(section, key);
                Type type = keys.get(key);
                if (type == null) {
                    throw error(path, "unknown key '" + key + "' in [" + section + "] (known: "
                            + String.join(", ", keys.keySet()) + ")");
                }
                if (!hasType(table.get(List.of(key)), type)) {
                    throw error(path, "[" + section + "] " + key + " must be " + type.description);
                }
            }
        }
    }

    private static boolean hasType(Object value, Type type) {
        return switch (type) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case BOOLEAN -> value instanceof Boolean;
            case STRINGS -> value instanceof TomlArray array
                    && array.toList().stream().allMatch(String.class::isInstance);
        };
    }

    public Optional<String> string(String section, String key) {
        return Optional.ofNullable((String) toml.get(List.of(section, key)));
    }

    /** A string setting that must be one of a few names; {@code parse} gives empty for the wrong ones. */
    public <T> Optional<T> choice(String section, String key, Function<String, Optional<T>> parse, String allowed)
            throws ConfigException {
        Optional<String> value = string(section, key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> parsed = parse.apply(value.get());
        if (parsed.isEmpty()) {
            throw error(List.of(section, key), "[" + section + "] " + key + " = \"" + value.get() + "\" must be "
                    + allowed);
        }
        return parsed;
    }

    public Optional<Boolean> bool(String section, String key) {
        return Optional.ofNullable((Boolean) toml.get(List.of(section, key)));
    }

    /** An integer setting, checked against its allowed range. */
    public Optional<Integer> integer(String section, String key, int min, int max) throws ConfigException {
        Long value = (Long) toml.get(List.of(section, key));
        if (value == null) {
            return Optional.empty();
        }
        if (value < min || value > max) {
            throw error(List.of(section, key), "[" + section + "] " + key + " = " + value + " must be from " + min
                    + " to " + max);
        }
        return Optional.of(value.intValue());
    }

    public Optional<List<String>> strings(String section, String key) {
        TomlArray array = (TomlArray) toml.get(List.of(section, key));
        if (array == null) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            strings.add(array.getString(i));
        }
        return Optional.of(strings);
    }

    private ConfigException error(List<String> path, String message) {
        TomlPosition position = toml instanceof TomlParseResult result ? result.inputPositionOf(path) : null;
        return new ConfigException(file + (position == null ? "" : ":" + position.line()) + ": " + message);
    }

    private static String sectionNames() {
        return String.join(", ", SCHEMA.keySet().stream().map(name -> "[" + name + "]").toList());
    }

    private static Map<String, Type> ordered(Object... keysAndTypes) {
        Map<String, Type> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTypes.length; i += 2) {
            map.put((String) keysAndTypes[i], (Type) keysAndTypes[i + 1]);
        }
        return map;
    }
}
