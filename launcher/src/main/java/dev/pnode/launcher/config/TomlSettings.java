package dev.pnode.launcher.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads the node settings file ({@code --config}, TOML, like geth's). Only the keys of {@link ConfigKey} exist; any
 * other is an error naming it and its line, so that a typo never goes unnoticed, and a key that was renamed is an
 * error naming its new name.
 */
public final class TomlSettings {

    /** Keys that went without a successor, and what to write instead. */
    private static final Map<String, String> REMOVED = Map.of(
            "HTTP.Enabled", "HTTP is on when [Node] HTTPHost is set (as in geth), or with --http",
            "HTTP.Admin", "add \"admin\" to [Node] HTTPModules");

    private final Path file;
    private final Map<ConfigKey, Object> values;

    private TomlSettings(Path file, Map<ConfigKey, Object> values) {
        this.file = file;
        this.values = values;
    }

    /** No settings file. */
    public static TomlSettings empty() {
        return new TomlSettings(null, new EnumMap<>(ConfigKey.class));
    }

    /** Reads and checks a settings file; the exception names the file, the line and the key at fault. */
    public static TomlSettings read(Path file) throws ConfigException {
        TomlParseResult result;
        try {
            String text = Files.readString(file);
            if (setsNothing(text)) {
                return new TomlSettings(file, new EnumMap<>(ConfigKey.class));
            }
            result = Toml.parse(text);
        } catch (MalformedInputException e) {
            result = parse(file); // not UTF-8: the parser says where
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (result.hasErrors()) {
            TomlParseError error = result.errors().get(0);
            throw new ConfigException(file + ":" + error.position().line() + ":" + error.position().column()
                    + ": invalid TOML: " + error.getMessage());
        }
        return new TomlSettings(file, new Reader(file, result).values());
    }

    private static TomlParseResult parse(Path file) throws ConfigException {
        try {
            return Toml.parse(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static ConfigException unreadable(Path file, IOException e) {
        return new ConfigException("cannot read config file " + file + ": " + e, e);
    }

    /**
     * Whether a file holds nothing but blank lines, comments and known section headers, each once, as the
     * distribution's own {@code etc/pnode.toml} does: such a file sets nothing, which is known without the TOML
     * parser, whose first use costs a node's start 40-100 ms (ANTLR's grammar tables and first predictions, cold;
     * BENCHMARKS.md, figure 4, session 13). Anything else, control characters included, is the parser's to accept
     * or to report.
     */
    static boolean setsNothing(String text) {
        Set<String> headers = new HashSet<>();
        for (String line : text.split("\n", -1)) {
            String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (c < ' ' && c != '\t' || c == 0x7f) {
                    return false;
                }
            }
            String trimmed = trimSpacesAndTabs(content);
            boolean header = trimmed.length() > 2 && trimmed.startsWith("[") && trimmed.endsWith("]")
                    && knownSections().contains(trimmed.substring(1, trimmed.length() - 1))
                    && headers.add(trimmed);
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !header) {
                return false;
            }
        }
        return true;
    }

    private static String trimSpacesAndTabs(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(start, end);
    }

    /** The file, if settings were read from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The keys the file sets, as their types' values (paths not yet resolved). */
    public Map<ConfigKey, Object> values() {
        return values;
    }

    /** One file's check against the table. */
    private record Reader(Path file, TomlParseResult toml) {

        Map<ConfigKey, Object> values() throws ConfigException {
            Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
            for (String section : toml.keySet()) {
                read(List.of(section), values);
            }
            return values;
        }

        /** One section, e.g. {@code [Node]}, and the sections nested in it, e.g. {@code [Node.HTTPTimeouts]}. */
        private void read(List<String> sectionPath, Map<ConfigKey, Object> values) throws ConfigException {
            String section = String.join(".", sectionPath);
            Object table = toml.get(sectionPath);
            if (!knownSections().contains(section) || !(table instanceof TomlTable keys)) {
                throw error(sectionPath, (knownSections().contains(section) ? "" : "unknown ") + "'"
                        + section + "': settings belong in the sections " + sectionNames());
            }
            for (String name : keys.keySet()) {
                List<String> path = new ArrayList<>(sectionPath);
                path.add(name);
                if (keys.get(List.of(name)) instanceof TomlTable && knownSections().contains(section + "." + name)) {
                    read(path, values);
                    continue;
                }
                ConfigKey key = find(section, name, path);
                try {
                    values.put(key, key.type().fromToml(plain(keys.get(List.of(name)))));
                } catch (IllegalArgumentException e) {
                    throw error(path, key.displayName() + " " + e.getMessage());
                }
            }
        }

        private ConfigKey find(String section, String name, List<String> path) throws ConfigException {
            String qualified = section + "." + name;
            for (ConfigKey key : ConfigKey.values()) {
                if (key.section().equals(section) && key.key().equals(name)) {
                    return key;
                }
                if (key.formerNames().contains(qualified)) {
                    throw error(path, "[" + section + "] " + name + " is now " + key.displayName()
                            + " (geth's name), " + key.type().description());
                }
            }
            if (REMOVED.containsKey(qualified)) {
                throw error(path, "[" + section + "] " + name + " is gone: " + REMOVED.get(qualified));
            }
            List<String> known = Arrays.stream(ConfigKey.values()).filter(key -> key.section().equals(section))
                    .map(ConfigKey::key).toList();
            if (known.isEmpty()) {
                throw error(path, "unknown key '" + name + "' in [" + section + "]: its keys moved to "
                        + String.join(", ", Arrays.stream(ConfigKey.values()).filter(key -> key.formerNames().stream()
                                .anyMatch(former -> former.startsWith(section + "."))).map(ConfigKey::displayName)
                                .toList()));
            }
            throw error(path, "unknown key '" + name + "' in [" + section + "] (known: " + String.join(", ", known)
                    + ")");
        }

        private static Object plain(Object value) {
            return value instanceof TomlArray array ? array.toList() : value;
        }

        private ConfigException error(List<String> path, String message) {
            TomlPosition position = toml.inputPositionOf(path);
            return new ConfigException(file + (position == null ? "" : ":" + position.line()) + ": " + message);
        }
    }

    /** The sections of the table, and those only former names use (their keys get a "renamed" error). */
    private static Set<String> knownSections() {
        Set<String> sections = new LinkedHashSet<>();
        for (ConfigKey key : ConfigKey.values()) {
            sections.add(key.section());
        }
        for (ConfigKey key : ConfigKey.values()) {
            key.formerNames().forEach(name -> sections.add(name.substring(0, name.indexOf('.'))));
        }
        REMOVED.keySet().forEach(name -> sections.add(name.substring(0, name.indexOf('.'))));
        return sections;
    }

    private static String sectionNames() {
        return String.join(", ", Arrays.stream(ConfigKey.values()).map(key -> "[" + key.section() + "]").distinct()
                .toList());
    }
}
