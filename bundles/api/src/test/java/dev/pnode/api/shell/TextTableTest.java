package dev.pnode.api.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class TextTableTest {

    @Test
    public void padsColumnsToTheWidestCellTwoSpacesApart() {
        String text = TextTable.withHeader("KEY", "STATE", "PID")
                .row("helloworld", "running", "4242")
                .row("kv", "failed", "-")
                .format();

        assertEquals(""
                + "KEY         STATE    PID\n"
                + "helloworld  running  4242\n"
                + "kv          failed   -\n", text);
    }

    @Test
    public void leavesNoTrailingSpacesWhenTheLastCellIsShortOrEmpty() {
        String text = TextTable.withHeader("A", "LAST-ERROR").row("x", "").row("y", "boom").format();

        assertEquals("A  LAST-ERROR\nx\ny  boom\n", text);
    }

    @Test
    public void separatesCellsWithTabsForScripts() {
        String text = TextTable.withHeader("KEY", "STATE").row("helloworld", "running").tabSeparated();

        assertEquals("KEY\tSTATE\nhelloworld\trunning\n", text);
    }

    @Test
    public void leavesTheHeaderOutWhenAskedForRowsOnly() {
        TextTable table = TextTable.withHeader("KEY", "STATE").row("helloworld", "running").row("kv", "failed");

        assertEquals("helloworld\trunning\nkv\tfailed\n", table.tabSeparatedRows());
        assertEquals("", TextTable.withHeader("KEY").tabSeparatedRows());
    }

    @Test
    public void keepsEveryRowOnOneLine() {
        TextTable table = TextTable.withHeader("KEY", "ERROR").row("kv", "line one\nline two\tand\r\nmore");

        assertEquals("KEY\tERROR\nkv\tline one line two and more\n", table.tabSeparated());
        assertEquals("KEY  ERROR\nkv   line one line two and more\n", table.format());
    }

    @Test
    public void showsNullAsEmpty() {
        assertEquals("A  B\n-\n", TextTable.withHeader("A", "B").row("-", null).format());
    }

    @Test
    public void alignsLabelValueLinesWithoutAHeader() {
        String text = TextTable.withoutHeader().row("Name:", "helloworld").row("Last error:", "-").format();

        assertEquals("Name:        helloworld\nLast error:  -\n", text);
    }

    @Test
    public void printsOnlyTheHeaderForNoRows() {
        assertEquals("INTERFACE  NAME\n", TextTable.withHeader("INTERFACE", "NAME").format());
    }

    @Test
    public void refusesRowsThatDoNotFitTheHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextTable.withHeader("A", "B").row("only one"));

        assertEquals("a row needs 2 cells, got 1", e.getMessage());
    }
}
