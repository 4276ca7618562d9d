package dev.pnode.api.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the console: columns padded to their widest cell, two spaces apart; or tab-separated
 * with no padding for scripts ({@code --no-format}). Cells never contain tabs or line breaks. The tables of the
 * {@code plugin:*} and {@code bundle:*} commands.
 */
public final class TextTable {

    private static final String GAP = "  ";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(List<String> header) {
        this.header = header;
    }

    /** A table with a header line. */
    public static TextTable withHeader(String... columns) {
        return new TextTable(List.of(columns));
    }

    /** A table of label/value lines, e.g. for one item's details. */
    public static TextTable withoutHeader() {
        return new TextTable(List.of());
    }

    public TextTable row(String... cells) {
        if (!header.isEmpty() && cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
            row.add(cell == null ? "" : cell.replaceAll("[\\t\\r\\n]+", " "));
        }
        rows.add(row);
        return this;
    }

    /** Aligned columns; the last column is not padded. */
    public String format() {
        List<List<String>> lines = allLines();
        int[] widths = new int[columns(lines)];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                out.append(line.get(i));
                if (i < line.size() - 1) {
                    out.append(" ".repeat(widths[i] - line.get(i).length())).append(GAP);
                }
            }
            text.append(out.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** One line per row, cells separated by a tab, header included. */
    public String tabSeparated() {
        return tabSeparated(allLines());
    }

    /** One line per row, cells separated by a tab, without the header (Karaf's {@code --no-format}). */
    public String tabSeparatedRows() {
        return tabSeparated(rows);
    }

    private static String tabSeparated(List<List<String>> lines) {
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            text.append(String.join("\t", line)).append('\n');
        }
        return text.toString();
    }

    private List<List<String>> allLines() {
        List<List<String>> lines = new ArrayList<>();
        if (!header.isEmpty()) {
            lines.add(header);
        }
        lines.addAll(rows);
        return lines;
    }

    private static int columns(List<List<String>> lines) {
        return lines.stream().mapToInt(List::size).max().orElse(0);
    }
}
