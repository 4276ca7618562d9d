package dev.pnode.central.internal;

import dev.pnode.api.DownloadProgress;
import java.lang.System.Logger.Level;
import java.net.URI;

/**
 * Tells the listener about every chunk, and logs how far a large download got: at every further 10 % when
 * the size is known, and every few seconds either way, so a slow download is visibly alive. Small downloads
 * log nothing.
 */
final class ProgressLog {

    private static final System.Logger LOG = System.getLogger(ProgressLog.class.getName());
    private static final long LARGE_BYTES = 1024 * 1024;
    private static final long INTERVAL_NANOS = 3_000_000_000L;

    private final URI url;
    private final long total;
    private final DownloadProgress listener;
    private final long started = System.nanoTime();
    private long lastLogged = started;
    private int lastTenth;

    ProgressLog(URI url, long total, DownloadProgress listener) {
        this.url = url;
        this.total = total;
        this.listener = listener;
    }

    void advanced(long received) {
        listener.progress(url.toString(), received, total);
        long now = System.nanoTime();
        int tenth = total > 0 ? (int) (received * 10 / total) : 0;
        boolean nextTenth = total >= LARGE_BYTES && tenth > lastTenth && received < total;
        boolean longQuiet = now - lastLogged >= INTERVAL_NANOS;
        if (!nextTenth && !longQuiet) {
            return;
        }
        lastTenth = tenth;
        lastLogged = now;
        LOG.log(Level.INFO, "downloading {0}: {1}", url, describe(received));
    }

    void finished(long received) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        Level level = received >= LARGE_BYTES ? Level.INFO : Level.DEBUG;
        LOG.log(level, "downloaded {0}: {1} bytes in {2} ms", url, Long.toString(received), Long.toString(millis));
    }

    private String describe(long received) {
        if (total > 0) {
            return (received * 100 / total) + "% (" + received + " of " + total + " bytes)";
        }
        return received + " bytes so far";
    }
}
