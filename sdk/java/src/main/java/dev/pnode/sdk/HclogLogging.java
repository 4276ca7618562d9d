package dev.pnode.sdk;

import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Sends java.util.logging (and so System.Logger, grpc and netty) to the real stderr as hclog JSON lines, the
 * only thing a go-plugin host expects on a plugin's stderr.
 */
final class HclogLogging {

    /**
     * grpc asks netty for SO_KEEPALIVE on every accepted connection; unix sockets have no such option, so netty
     * warns on every connect from the host. Only errors are let through from there. Held here because
     * java.util.logging keeps loggers weakly and would forget the level.
     */
    private static final Logger NETTY_BOOTSTRAP = Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

    private HclogLogging() {
    }

    /** Replaces the root logger's handlers with one writing hclog JSON at the given level. */
    static void install(OutputStream stderr, String levelName) {
        Level level = parseLevel(levelName);
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler handler = new StreamHandler(stderr, new HclogJsonFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        try {
            handler.setEncoding("UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("every JVM supports UTF-8", e);
        }
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
        NETTY_BOOTSTRAP.setLevel(Level.SEVERE);
    }

    /** hclog's level names (trace, debug, info, warn, error) or java.util.logging's; INFO when unset or unknown. */
    static Level parseLevel(String levelName) {
        if (levelName == null || levelName.isBlank()) {
            return Level.INFO;
        }
        String name = levelName.trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARN" -> Level.WARNING;
            case "ERROR" -> Level.SEVERE;
            default -> {
                try {
                    yield Level.parse(name);
                } catch (IllegalArgumentException e) {
                    yield Level.INFO;
                }
            }
        };
    }
}
