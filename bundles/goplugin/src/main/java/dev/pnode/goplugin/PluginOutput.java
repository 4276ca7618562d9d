package dev.pnode.goplugin;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where a plugin's stdout, stderr and GRPCStdio lines go: into a bounded buffer of recent lines (for
 * {@code plugin:logs} and start errors) and into the node log under {@code pnode.plugin.<label>}, rate-limited
 * so that a plugin flooding its output cannot flood the log.
 */
final class PluginOutput {

    static final int DEFAULT_CAPACITY = 500;
    static final int MAX_LINE_CHARS = 8 * 1024;
    /** Lines that may be logged at once after a quiet period. */
    static final int LOG_BURST = 200;
    /** Lines per second logged under sustained output. */
    static final int LOG_LINES_PER_SECOND = 50;

    private static final long NANOS_PER_LINE = 1_000_000_000L / LOG_LINES_PER_SECOND;

    private final String label;
    private final Logger log;
    private final int capacity;
    private final LongSupplier nanoClock;
    private final ArrayDeque<String> recent;
    private double tokens = LOG_BURST;
    private long lastRefill;
    private long droppedFromLog;

    PluginOutput(String label, Logger log, int capacity, LongSupplier nanoClock) {
        this.label = label;
        this.log = log;
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.recent = new ArrayDeque<>(capacity);
        this.lastRefill = nanoClock.getAsLong();
    }

    static PluginOutput forPlugin(String label) {
        return new PluginOutput(label, System.getLogger("pnode.plugin." + label), DEFAULT_CAPACITY, System::nanoTime);
    }

    /** Records one line; {@code droppedBytes} is how much of it the {@link LineSplitter} could not keep. */
    void accept(String line, long droppedBytes) {
        HclogLine parsed = HclogLine.parse(line);
        String message = truncate(parsed.message(), droppedBytes);
        boolean logIt;
        long dropped;
        synchronized (this) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(message);
            logIt = takeToken();
            dropped = logIt ? droppedFromLog : 0;
            if (logIt) {
                droppedFromLog = 0;
            } else {
                droppedFromLog++;
            }
        }
        if (dropped > 0) {
            log.log(Level.WARNING, "plugin {0} wrote {1} lines faster than {2} lines/s that were not logged "
                    + "(the latest are in its recent output)", label, Long.toString(dropped), LOG_LINES_PER_SECOND);
        }
        if (logIt && log.isLoggable(parsed.level())) {
            log.log(parsed.level(), "[" + label + "] " + message);
        }
    }

    void accept(LineSplitter.Line line) {
        accept(line.text(), line.droppedBytes());
    }

    /** The latest lines, oldest first. */
    synchronized List<String> recent(int maxLines) {
        List<String> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, maxLines)), all.size()));
    }

    /** Lines not logged because of the rate limit and not yet reported. */
    synchronized long droppedFromLog() {
        return droppedFromLog;
    }

    private boolean takeToken() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(LOG_BURST, tokens + (double) (now - lastRefill) / NANOS_PER_LINE);
        lastRefill = now;
        if (tokens >= 1) {
            tokens--;
            return true;
        }
        return false;
    }

    private static String truncate(String message, long droppedBytes) {
        if (message.length() <= MAX_LINE_CHARS && droppedBytes == 0) {
            return message;
        }
        String kept = message.length() > MAX_LINE_CHARS ? message.substring(0, MAX_LINE_CHARS) : message;
        long dropped = droppedBytes + (message.length() - kept.length());
        return kept + " ...[" + dropped + " more characters dropped]";
    }
}
