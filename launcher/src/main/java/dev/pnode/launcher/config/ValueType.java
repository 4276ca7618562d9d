package dev.pnode.launcher.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.tomlj.Toml;

/**
 * The type of a node setting: how a TOML value or a flag's text becomes the setting's value, and how
 * {@code pnode dumpconfig} writes it back. Values are String, Integer, Boolean, Path, {@code List<String>} or
 * {@code List<Path>}. Paths accept {@code ~/} and {@code file:} URLs ({@link PathText}) and are relative to
 * {@link #base()} until {@link NodeConfig} resolves them.
 *
 * @param kind what the value is
 * @param min smallest integer allowed
 * @param max largest integer allowed
 * @param base what a relative path is relative to
 * @param choices the strings a {@link Kind#CHOICE} may be
 */
public record ValueType(Kind kind, int min, int max, Base base, List<String> choices) {

    public enum Kind {
        STRING("a string"), CHOICE("one of"), INTEGER("an integer"), BOOLEAN("true or false"), STRINGS("an array of strings"),
        PATH("a string (a path)"), PATHS("an array of strings (paths)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** What a relative path is relative to. */
    public enum Base {
        /** The current directory, as for the flags. */
        WORKING_DIR,
        /** The data directory (the node resolves it). */
        DATA_DIR,
        /** The distribution directory, {@code pnode.home}. */
        HOME
    }

    public static final ValueType STRING = new ValueType(Kind.STRING, 0, 0, null, List.of());
    public static final ValueType BOOLEAN = new ValueType(Kind.BOOLEAN, 0, 0, null, List.of());
    public static final ValueType STRINGS = new ValueType(Kind.STRINGS, 0, 0, null, List.of());

    public ValueType {
        choices = List.copyOf(choices);
    }

    public static ValueType integer(int min, int max) {
        return new ValueType(Kind.INTEGER, min, max, null, List.of());
    }

    /** A string that must be one of {@code choices}, e.g. {@code "text"} or {@code "json"}. */
    public static ValueType choice(String... choices) {
        return new ValueType(Kind.CHOICE, 0, 0, null, List.of(choices));
    }

    public static ValueType path(Base base) {
        return new ValueType(Kind.PATH, 0, 0, base, List.of());
    }

    public static ValueType paths(Base base) {
        return new ValueType(Kind.PATHS, 0, 0, base, List.of());
    }

    public String description() {
        return kind == Kind.CHOICE ? choices.stream().map(choice -> "\"" + choice + "\"")
                .collect(Collectors.joining(" or ")) : kind.description;
    }

    /**
     * A TOML value (String, Long, Boolean, or a List of those) as this type's value.
     *
     * @throws IllegalArgumentException saying what is wrong, to follow the key's name ("must be ...")
     */
    Object fromToml(Object value) {
        switch (kind) {
            case STRING, PATH -> {
                if (value instanceof String text) {
                    return kind == Kind.PATH ? PathText.parse(text) : text;
                }
            }
            case CHOICE -> {
                if (value instanceof String text) {
                    if (choices.contains(text)) {
                        return text;
                    }
                    throw new IllegalArgumentException("= " + quoted(text) + " must be " + description());
                }
            }
            case INTEGER -> {
                if (value instanceof Long number) {
                    if (number < min || number > max) {
                        throw new IllegalArgumentException("= " + number + " must be from " + min + " to " + max);
                    }
                    return number.intValue();
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean bool) {
                    return bool;
                }
            }
            case STRINGS, PATHS -> {
                if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                    List<Object> values = new ArrayList<>();
                    for (Object element : list) {
                        values.add(kind == Kind.PATHS ? PathText.parse((String) element) : element);
                    }
                    return List.copyOf(values);
                }
            }
        }
        throw new IllegalArgumentException("must be " + description());
    }

    /**
     * A flag's text as this type's value; lists are comma-separated. A switch (a flag without a value) is
     * {@code "true"}.
     *
     * @throws IllegalArgumentException saying what is wrong, to follow the flag's name and value
     */
    Object fromFlag(String text) {
        return switch (kind) {
            case STRING -> text;
            case CHOICE -> {
                if (choices.contains(text)) {
                    yield text;
                }
                throw new IllegalArgumentException("must be " + description());
            }
            case PATH -> PathText.parse(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case INTEGER -> {
                try {
                    int number = Integer.parseInt(text);
                    if (number >= min && number <= max) {
                        yield number;
                    }
                } catch (NumberFormatException e) {
                    // reported below with the allowed range
                }
                throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
            }
            case STRINGS -> List.copyOf(commaSeparated(text));
            case PATHS -> commaSeparated(text).stream().map(PathText::parse).toList();
        };
    }

    /** The value as TOML, e.g. {@code "text"}, {@code 8545}, {@code ["rpc", "plugin@*"]}. */
    String toToml(Object value) {
        return switch (kind) {
            case STRING, CHOICE, PATH -> quoted(value.toString());
            case INTEGER, BOOLEAN -> value.toString();
            case STRINGS, PATHS -> ((List<?>) value).stream().map(element -> quoted(element.toString()))
                    .collect(Collectors.joining(", ", "[", "]"));
        };
    }

    private static List<String> commaSeparated(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    private static String quoted(String text) {
        return "\"" + Toml.tomlEscape(text) + "\"";
    }
}
