package dev.pnode.host.settings;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in settings and framework properties: {@code 500ms}, {@code 10s}, {@code 2m}. */
public final class DurationText {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the setting and the accepted forms */
    public static Duration parse(String setting, String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not a duration like 500ms, 10s or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException(setting + ": must be longer than zero");
        }
        return duration;
    }
}
