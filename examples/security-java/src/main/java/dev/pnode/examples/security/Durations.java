package dev.pnode.examples.security;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as Quorum configurations write them: {@code 1h}, {@code 90m}, {@code 1h30m}, {@code -5s}. */
final class Durations {

    private static final Pattern WHOLE = Pattern.compile("-?(\\d+(ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the value and the expected form */
    static Duration parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration like 1h, 30m, 1h30m, 45s or -1h");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return text.startsWith("-") ? total.negated() : total;
    }
}
