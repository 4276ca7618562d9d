package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class LineSplitterTest {

    private final List<LineSplitter.Line> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(10, lines::add);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length);
    }

    @Test
    public void splitsOnNewlinesAcrossChunks() {
        feed("one\ntw");
        feed("o\nthree");
        assertEquals(List.of(new LineSplitter.Line("one", 0), new LineSplitter.Line("two", 0)), lines);
        splitter.finish();
        assertEquals(new LineSplitter.Line("three", 0), lines.get(2));
    }

    @Test
    public void dropsCarriageReturns() {
        feed("windows\r\n");
        assertEquals(List.of(new LineSplitter.Line("windows", 0)), lines);
    }

    @Test
    public void keepsEmptyLines() {
        feed("\n\n");
        assertEquals(List.of(new LineSplitter.Line("", 0), new LineSplitter.Line("", 0)), lines);
    }

    @Test
    public void keepsOnlyTheStartOfAnOverlongLineAndCountsTheRest() {
        feed("0123456789abcdef");
        feed("ghij\nnext\n");
        assertEquals(List.of(new LineSplitter.Line("0123456789", 10), new LineSplitter.Line("next", 0)), lines);
    }

    @Test
    public void emitsNothingAtTheEndOfAnEmptyStream() throws Exception {
        splitter.pump(new ByteArrayInputStream(new byte[0]));
        assertEquals(List.of(), lines);
    }

    @Test
    public void pumpsAStreamToItsEnd() throws Exception {
        splitter.pump(new ByteArrayInputStream("a\nb".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(new LineSplitter.Line("a", 0), new LineSplitter.Line("b", 0)), lines);
    }

    @Test
    public void decodesUtf8() {
        feed("grüße\n");
        assertEquals("grüße", lines.get(0).text());
    }
}
