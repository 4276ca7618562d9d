package dev.pnode.logging.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.osgi.service.log.LogLevel;

/**
 * The level names of the node's log (those of its log lines), in java.util.logging terms (the node's backend) and
 * in OSGi Log terms (what bundles logging through the OSGi LogService are allowed to record).
 */
enum NodeLogLevel {
    OFF(Level.OFF, LogLevel.AUDIT),
    ERROR(Level.SEVERE, LogLevel.ERROR),
    WARN(Level.WARNING, LogLevel.WARN),
    INFO(Level.INFO, LogLevel.INFO),
    DEBUG(Level.FINE, LogLevel.DEBUG),
    TRACE(Level.FINEST, LogLevel.TRACE);

    private final Level julLevel;
    private final LogLevel osgiLevel;

    NodeLogLevel(Level julLevel, LogLevel osgiLevel) {
        this.julLevel = julLevel;
        this.osgiLevel = osgiLevel;
    }

    Level julLevel() {
        return julLevel;
    }

    LogLevel osgiLevel() {
        return osgiLevel;
    }

    /** Case-insensitive; a wrong name is an error listing the right ones. */
    static NodeLogLevel parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown log level '" + name + "': use one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** The JUL level an OSGi log entry is written at. AUDIT entries are the ones that must always be seen. */
    static Level julLevelOf(LogLevel osgiLevel) {
        return switch (osgiLevel) {
            case AUDIT, ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
        };
    }
}
