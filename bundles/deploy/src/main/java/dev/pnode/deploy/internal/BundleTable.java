package dev.pnode.deploy.internal;

import dev.pnode.api.shell.TextTable;
import java.util.List;

/** The output of {@code bundle:list}: an aligned table for people, or tab-separated lines for scripts. */
final class BundleTable {

    private BundleTable() {
    }

    /** Columns padded to their widest cell, under a header; the last column is not padded. */
    static String format(List<BundleRow> rows) {
        return table(rows).format();
    }

    /** One line per bundle, cells separated by a tab, no header: what {@code --no-format} prints. */
    static String plain(List<BundleRow> rows) {
        return table(rows).tabSeparatedRows();
    }

    private static TextTable table(List<BundleRow> rows) {
        TextTable table = TextTable.withHeader("ID", "STATE", "LEVEL", "NAME", "VERSION");
        rows.forEach(row -> table.row(Long.toString(row.id()), row.state(), Integer.toString(row.startLevel()),
                row.name(), row.version()));
        return table;
    }
}
