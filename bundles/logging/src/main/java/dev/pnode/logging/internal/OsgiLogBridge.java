package dev.pnode.logging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Writes every OSGi log entry (Felix SCR's, any bundle's that logs through the OSGi LogService, the framework's
 * events) to the node's log (java.util.logging, which the launcher sends to the console and
 * {@code <datadir>/logs/pnode.log}), under the logger named after the bundle's symbolic name. What was logged
 * before this component started (SCR's first messages) is written once, at activation, oldest first.
 */
@Component(service = {}, immediate = true)
public final class OsgiLogBridge implements LogListener {

    /** The logger of entries that name no bundle. */
    static final String NO_BUNDLE_LOGGER = "org.osgi.service.log";

    @Reference
    private LogReaderService reader;
    /** Entries up to this sequence number were written by the replay; the listener skips them. */
    private long replayedUpTo = Long.MIN_VALUE;

    @Activate
    synchronized void activate() {
        reader.addLogListener(this);
        List<LogEntry> earlier = Collections.list(reader.getLog()); // newest first
        Collections.reverse(earlier);
        for (LogEntry entry : earlier) {
            write(entry);
            replayedUpTo = Math.max(replayedUpTo, entry.getSequence());
        }
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        if (entry.getSequence() > replayedUpTo) {
            write(entry);
        }
    }

    private static void write(LogEntry entry) {
        Level level = NodeLogLevel.julLevelOf(entry.getLogLevel());
        Logger logger = Logger.getLogger(loggerName(entry));
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, message(entry));
        record.setLoggerName(logger.getName());
        record.setInstant(Instant.ofEpochMilli(entry.getTime()));
        record.setThrown(entry.getException());
        logger.log(record);
    }

    /**
     * The bundle's symbolic name; for Felix Log's event entries their own logger name, which ends with it
     * ({@code Events.Service.<bsn>}), so that {@link LogLevels} can keep the events apart.
     */
    static String loggerName(LogEntry entry) {
        if (entry.getLoggerName() != null && entry.getLoggerName().startsWith(LogLevels.EVENT_LOGGER + ".")) {
            return entry.getLoggerName();
        }
        Bundle bundle = entry.getBundle();
        return bundle == null || bundle.getSymbolicName() == null ? NO_BUNDLE_LOGGER : bundle.getSymbolicName();
    }

    /** The message, naming the service it is about (Felix Log's service events say only "ServiceEvent ..."). */
    private static String message(LogEntry entry) {
        ServiceReference<?> service = entry.getServiceReference();
        if (service == null) {
            return entry.getMessage();
        }
        Object classes = service.getProperty(Constants.OBJECTCLASS);
        List<String> names = new ArrayList<>();
        if (classes instanceof String[] array) {
            Collections.addAll(names, array);
        }
        return entry.getMessage() + " (service " + service.getProperty(Constants.SERVICE_ID) + " " + names + ")";
    }
}
