package dev.pnode.launcher.logging;

import java.util.logging.Level;

/** geth's verbosity numbers (0 silent .. 5 trace) in java.util.logging and Felix terms. */
public final class Verbosity {

    private static final Level[] LEVELS = {Level.OFF, Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE,
        Level.FINEST};
    private static final String[] OSGI_LOG_LEVELS = {"AUDIT", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"};

    private Verbosity() {
    }

    /** The JUL level that shows everything at the verbosity and above. */
    public static Level level(int verbosity) {
        return LEVELS[Math.max(0, Math.min(verbosity, LEVELS.length - 1))];
    }

    /** The OSGi Log's level name (Felix Log's {@code org.osgi.service.log.admin.loglevel}); 0 records audits only. */
    public static String osgiLogLevel(int verbosity) {
        return OSGI_LOG_LEVELS[Math.max(0, Math.min(verbosity, OSGI_LOG_LEVELS.length - 1))];
    }

    /** Felix's framework log level (0 none, 1 error, 2 warning, 3 info, 4 debug); debug only at trace. */
    public static int felixLevel(int verbosity) {
        return verbosity >= 5 ? 4 : Math.max(0, Math.min(verbosity, 3));
    }
}
