package dev.pnode.launcher.logging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Sets up java.util.logging, the one backend of a node: all pnode code logs through {@link System.Logger}
 * (which the JDK maps to JUL), Felix through {@link FelixLogBridge}. One format ({@link LogFormat}) on
 * stderr and in {@code <datadir>/logs/pnode.log}.
 */
public final class NodeLogging {

    /** The log file's name in the logs directory. */
    public static final String LOG_FILE = "pnode.log";
    private static final long LOG_FILE_LIMIT_BYTES = 10L * 1024 * 1024;
    private static final int LOG_FILES_KEPT = 5;

    private NodeLogging() {
    }

    /** Logs to the console only, before the data directory is known. */
    public static void toConsole(int verbosity) {
        Logger root = resetRoot(verbosity);
        root.addHandler(handler(new ConsoleHandler(), verbosity));
    }

    /** Logs to the console and to {@code logsDir/pnode.log}. */
    public static void toConsoleAndFile(int verbosity, Path logsDir) throws IOException {
        Handler file = handler(new RotatingFileHandler(logsDir.resolve(LOG_FILE), LOG_FILE_LIMIT_BYTES,
                LOG_FILES_KEPT), verbosity);
        toConsole(verbosity);
        Logger.getLogger("").addHandler(file);
    }

    private static Logger resetRoot(int verbosity) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        root.setLevel(Verbosity.level(verbosity));
        return root;
    }

    private static Handler handler(Handler handler, int verbosity) {
        handler.setFormatter(new LogFormat());
        handler.setLevel(Verbosity.level(verbosity));
        return handler;
    }
}
