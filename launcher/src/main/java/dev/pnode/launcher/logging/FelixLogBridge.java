package dev.pnode.launcher.logging;

import java.lang.System.Logger.Level;
import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Felix's framework logger ({@code felix.log.logger}) writing to the node log instead of stdout, naming the
 * bundle or service the message is about.
 */
public final class FelixLogBridge extends Logger {

    private static final System.Logger LOG = System.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String message, Throwable throwable) {
        String subject = bundle != null ? "[" + bundle.getSymbolicName() + " " + bundle.getVersion() + "] "
                : sr != null ? "[" + sr + "] " : "";
        LOG.log(level(level), subject + message, throwable);
    }

    private static Level level(int felixLevel) {
        return switch (felixLevel) {
            case LOG_ERROR -> Level.ERROR;
            case LOG_WARNING -> Level.WARNING;
            case LOG_INFO -> Level.INFO;
            default -> Level.DEBUG;
        };
    }
}
