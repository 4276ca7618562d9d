package dev.pnode.deploy.internal;

import java.util.List;

/** The output of {@code bundle:list}: an aligned table for people, or tab-separated lines for scripts. */
final class BundleTable {

    private static final String[] HEADER = {"ID", "STATE", "LEVEL", "NAME", "VERSION"};

    private BundleTable() {
    }

    /** Columns padded to their widest cell, under a header; the last column is not padded. */
    static String format(List<BundleRow> rows) {
        List<String[]> cells = new java.util.ArrayList<>();
        cells.add(HEADER);
        rows.forEach(row -> cells.add(cellsOf(row)));
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int column = 0; column < line.length; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            for (int column = 0; column < line.length; column++) {
                boolean last = column == line.length - 1;
                out.append(last ? line[column] : pad(line[column], widths[column])).append(last ? "\n" : "  ");
            }
        }
        return out.toString();
    }

    /** One line per bundle, cells separated by a tab, no header: what {@code --no-format} prints. */
    static String plain(List<BundleRow> rows) {
        StringBuilder out = new StringBuilder();
        rows.forEach(row -> out.append(String.join("\t", cellsOf(row))).append('\n'));
        return out.toString();
    }

    private static String[] cellsOf(BundleRow row) {
        return new String[] {Long.toString(row.id()), row.state(), Integer.toString(row.startLevel()), row.name(),
            row.version()};
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }
}
