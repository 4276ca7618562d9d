package dev.pnode.launcher.logging;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Formatter;

/** The log line formats of {@code --log.format}: geth's {@code text} and {@code json}. */
public enum LogOutputFormat {
    TEXT(LogFormat::new),
    JSON(JsonLogFormat::new);

    private final Supplier<Formatter> formatter;

    LogOutputFormat(Supplier<Formatter> formatter) {
        this.formatter = formatter;
    }

    Formatter newFormatter() {
        return formatter.get();
    }

    /** The name as written in flags and settings files. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code text} or {@code json}; empty for anything else. */
    public static Optional<LogOutputFormat> named(String name) {
        for (LogOutputFormat format : values()) {
            if (format.settingName().equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
