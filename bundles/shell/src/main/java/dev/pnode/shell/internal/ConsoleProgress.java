package dev.pnode.shell.internal;

import dev.pnode.api.DownloadProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Download progress as console lines: the URL once, then a line at every tenth of the announced size (every MiB
 * when the server announced none). Consoles that are not terminals (scripts, logs) read these as well as people.
 */
final class ConsoleProgress implements DownloadProgress {

    private static final long MIB = 1024 * 1024;
    private static final int STEPS = 10;

    private final PrintStream console;
    private String currentUrl;
    private long nextMark;

    ConsoleProgress(PrintStream console) {
        this.console = console;
    }

    @Override
    public void progress(String url, long received, long total) {
        if (!url.equals(currentUrl) || received < nextMark - step(total)) {
            currentUrl = url;
            nextMark = step(total);
            console.println("downloading " + url + (total >= 0 ? " (" + size(total) + ")" : ""));
        }
        if (received < nextMark && received != total) {
            return;
        }
        console.println("  " + (total > 0 ? received * 100 / total + "% " : "") + size(received)
                + (total >= 0 ? " of " + size(total) : ""));
        console.flush();
        while (nextMark <= received) {
            nextMark += step(total);
        }
    }

    private static long step(long total) {
        return total > 0 ? Math.max(1, total / STEPS) : MIB;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < MIB) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
