package dev.pnode.central.internal;

import dev.pnode.central.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go-template-style path as Quorum writes them ({@code maven/bin/{{.Name}}/{{.Version}}/...}): literal text
 * and the four placeholders {@code {{.Name}} {{.Version}} {{.OS}} {{.Arch}}} (spaces inside the braces
 * allowed). Anything else between {@code {{ }}} is rejected when the template is parsed, so a typo in the
 * settings fails at start-up instead of producing a wrong URL.
 */
public final class PathTemplate {

    /** The placeholder names, as written after the dot. */
    public static final List<String> PLACEHOLDERS = List.of("Name", "Version", "OS", "Arch");

    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern FIELD = Pattern.compile("\\s*\\.([A-Za-z][A-Za-z0-9_]*)\\s*");

    private final String text;
    /** Literal strings and placeholder names, alternating: literal, name, literal, ..., literal. */
    private final List<String> parts;

    private PathTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @param settingName used in error messages, e.g. {@code pluginDistPathTemplate}
     * @throws IllegalArgumentException naming the setting and the offending placeholder
     */
    public static PathTemplate parse(String settingName, String template) {
        if (template.isBlank()) {
            throw new IllegalArgumentException(settingName + " must not be empty");
        }
        List<String> parts = new ArrayList<>();
        Matcher action = ACTION.matcher(template);
        int literalStart = 0;
        while (action.find()) {
            parts.add(requireNoBraces(settingName, template, template.substring(literalStart, action.start())));
            Matcher field = FIELD.matcher(action.group(1));
            if (!field.matches() || !PLACEHOLDERS.contains(field.group(1))) {
                throw new IllegalArgumentException(settingName + " '" + template + "': unknown placeholder "
                        + action.group() + "; known placeholders are {{.Name}}, {{.Version}}, {{.OS}}, {{.Arch}}");
            }
            parts.add(field.group(1));
            literalStart = action.end();
        }
        parts.add(requireNoBraces(settingName, template, template.substring(literalStart)));
        return new PathTemplate(template, List.copyOf(parts));
    }

    /** Fills in the placeholders. */
    public String render(String name, String version, Platform platform) {
        Map<String, String> values = Map.of("Name", name, "Version", version,
                "OS", platform.os(), "Arch", platform.arch());
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            path.append(i % 2 == 0 ? parts.get(i) : values.get(parts.get(i)));
        }
        return path.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String requireNoBraces(String settingName, String template, String literal) {
        if (literal.contains("{{") || literal.contains("}}")) {
            throw new IllegalArgumentException(settingName + " '" + template
                    + "': unbalanced {{ }}; placeholders are written {{.Name}}, {{.Version}}, {{.OS}}, {{.Arch}}");
        }
        return literal;
    }
}
