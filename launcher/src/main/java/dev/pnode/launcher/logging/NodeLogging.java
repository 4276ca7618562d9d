package dev.pnode.launcher.logging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets up java.util.logging, the one backend of a node: all pnode code logs through {@link System.Logger}
 * (which the JDK maps to JUL), Felix through {@link FelixLogBridge}, the other bundles through the OSGi log, which
 * the pnode-logging bundle writes to JUL. One format ({@link LogOutputFormat}) on stderr and in
 * {@code <datadir>/logs/pnode.log}. Levels are decided by the loggers alone (the root logger's level is the
 * verbosity), so that {@code log:set} can turn one logger up on a running node.
 */
public final class NodeLogging {

    /** The log file's name in the logs directory. */
    public static final String LOG_FILE = "pnode.log";
    private static final long BYTES_PER_MEGABYTE = 1024L * 1024;

    private NodeLogging() {
    }

    /** Logs to the console only, before the data directory is known. */
    public static void toConsole(int verbosity, LogOutputFormat format) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        root.setLevel(Verbosity.level(verbosity));
        root.addHandler(handler(new ConsoleHandler(), format));
    }

    /**
     * Logs to the console and to {@code logsDir/pnode.log}, rolled to {@code pnode.log.1} .. {@code .maxBackups}
     * when it grows past {@code maxSizeMegabytes}.
     */
    public static void toConsoleAndFile(int verbosity, LogOutputFormat format, int maxSizeMegabytes, int maxBackups,
            Path logsDir) throws IOException {
        Handler file = handler(new RotatingFileHandler(logsDir.resolve(LOG_FILE),
                maxSizeMegabytes * BYTES_PER_MEGABYTE, maxBackups), format);
        toConsole(verbosity, format);
        Logger.getLogger("").addHandler(file);
    }

    private static Handler handler(Handler handler, LogOutputFormat format) {
        handler.setFormatter(format.newFormatter());
        handler.setLevel(Level.ALL);
        return handler;
    }
}
