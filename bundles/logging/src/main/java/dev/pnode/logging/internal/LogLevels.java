package dev.pnode.logging.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Changes log levels on the running node, in both places a level lives: the java.util.logging logger of that name
 * (pnode's own code logs by class name, bridged OSGi entries by bundle symbolic name), and the OSGi Log's
 * {@link LoggerAdmin}, which decides what bundles logging through the OSGi LogService record at all.
 */
@Component(service = LogLevels.class, immediate = true)
public final class LogLevels {

    /**
     * The parent of Felix Log's loggers for framework, bundle and service events ({@code Events.Bundle.<bsn>},
     * ...: one entry per event, per bundle, most at INFO).
     */
    static final String EVENT_LOGGER = "Events";

    @Reference
    private LoggerAdmin loggerAdmin;

    /** java.util.logging keeps loggers only weakly: one nobody holds forgets its level. These are held. */
    private final Map<String, Logger> adjusted = new ConcurrentHashMap<>();

    /**
     * Every bundle start and service registration is an INFO entry in the OSGi log, whatever its levels say: at
     * the node's default level they would drown its own messages, so they are written from WARN on (framework
     * errors stay); {@code log:set DEBUG Events} shows them all.
     */
    @Activate
    void activate() {
        adjusted.computeIfAbsent(EVENT_LOGGER, Logger::getLogger).setLevel(Level.WARNING);
    }

    /**
     * Sets the level of one logger (and those below it, by dotted name), or of the whole node.
     *
     * @param loggerName a logger or bundle symbolic name, e.g. {@code dev.pnode.host} or
     *     {@code org.apache.felix.scr}; empty for every logger
     */
    void set(NodeLogLevel level, Optional<String> loggerName) {
        String julName = loggerName.orElse("");
        adjusted.computeIfAbsent(julName, Logger::getLogger).setLevel(level.julLevel());
        // a bundle's own logger context, so that its entries are recorded whatever logger names it uses inside
        LoggerContext context = loggerAdmin.getLoggerContext(loggerName.orElse(null));
        Map<String, LogLevel> levels = new HashMap<>(context.getLogLevels());
        levels.put(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, level.osgiLevel());
        context.setLogLevels(levels);
    }
}
