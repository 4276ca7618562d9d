package dev.pnode.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where figures go: each figure's headline as one {@code name=value} line on stdout, every figure also as
 * {@code name=value} in the results file (and on stderr while running, so a long run shows progress).
 */
final class Report {

    private final PrintStream summary;
    private final Path resultsFile;

    Report(PrintStream summary, Path resultsFile) {
        this.summary = summary;
        this.resultsFile = resultsFile;
    }

    /** The one line a figure prints on stdout. */
    void headline(String name, double value) {
        String line = name + "=" + format(value);
        summary.println(line);
        summary.flush();
        append(line);
    }

    void detail(String name, double value) {
        detail(name, format(value));
    }

    void detail(String name, String value) {
        String line = name + "=" + value;
        System.err.println("  " + line);
        append(line);
    }

    void note(String text) {
        System.err.println("# " + text);
        append("# " + text);
    }

    Path resultsFile() {
        return resultsFile;
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
    }

    private void append(String line) {
        try {
            Files.writeString(resultsFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the results file " + resultsFile + ": " + e, e);
        }
    }
}
