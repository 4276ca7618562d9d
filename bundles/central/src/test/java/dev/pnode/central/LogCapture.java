package dev.pnode.central;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the central code logs through System.Logger (backed by java.util.logging in a plain JVM), so
 * tests can check that warnings a user must see are there.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
        setLevel(Level.ALL);
    }

    /** Formatted messages of WARNING and above. */
    List<String> warnings() {
        return messages(Level.WARNING);
    }

    /** Formatted messages at {@code least} and above. */
    List<String> messages(Level least) {
        java.util.logging.Formatter formatter = new java.util.logging.SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().intValue() >= least.intValue())
                .map(formatter::formatMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
