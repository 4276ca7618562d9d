package dev.pnode.rpc.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class JsonValueFramerTest {

    @Test
    public void cutsNewlineSeparatedValues() throws Exception {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), values("{\"a\":1}\n{\"b\":2}\n", 100));
    }

    @Test
    public void cutsValuesWithoutAnySeparator() throws Exception {
        assertEquals(List.of("{\"a\":1}", "[{\"b\":2}]", "{}"), values("{\"a\":1}[{\"b\":2}]{}", 100));
    }

    @Test
    public void letsOneValueSpanLines() throws Exception {
        assertEquals(List.of("{\n \"a\": [1,\n 2]\n}"), values("  \r\n\t{\n \"a\": [1,\n 2]\n}  \n", 100));
    }

    @Test
    public void ignoresBracketsAndEscapedQuotesInsideStrings() throws Exception {
        String tricky = "{\"a\":\"}]{[\",\"b\":\"x\\\"}\",\"c\":\"\\\\\"}";

        assertEquals(List.of(tricky, "{}"), values(tricky + "{}", 100));
    }

    @Test
    public void keepsMultiByteCharacters() throws Exception {
        assertEquals(List.of("{\"a\":\"Hola señor 👋\"}"), values("{\"a\":\"Hola señor 👋\"}", 100));
    }

    @Test
    public void endsScalarsAndGarbageAtWhitespace() throws Exception {
        assertEquals(List.of("42", "true", "garbage}", "\"a string\"", "{}"),
                values("42 true\ngarbage} \"a string\" {}", 100));
    }

    @Test
    public void endsCleanlyBetweenValues() throws Exception {
        assertEquals(List.of(), values("", 100));
        assertEquals(List.of(), values(" \n\n ", 100));
    }

    @Test
    public void refusesAStreamThatEndsInsideAValue() {
        JsonValueFramer.FramingException e = assertThrows(JsonValueFramer.FramingException.class,
                () -> values("{\"a\":[1,2", 100));

        assertEquals("the stream ended inside a JSON value after 9 bytes", e.getMessage());
        assertThrows(JsonValueFramer.FramingException.class, () -> values("{\"a\":\"unterminated}", 100));
    }

    @Test
    public void refusesAValueOverTheLimitWithoutReadingItAll() {
        JsonValueFramer.FramingException e = assertThrows(JsonValueFramer.FramingException.class,
                () -> values("[" + "1,".repeat(1000) + "1]", 64));

        assertEquals("request larger than the limit of 64 bytes", e.getMessage());
        assertThrows(JsonValueFramer.FramingException.class, () -> values("x".repeat(65), 64));
    }

    @Test
    public void takesAValueOfExactlyTheLimit() throws Exception {
        String value = "[\"" + "x".repeat(60) + "\"]";

        assertEquals(List.of(value), values(value, 64));
    }

    @Test
    public void countsDeepNestingWithoutRecursion() throws Exception {
        String deep = "[".repeat(500_000) + "]".repeat(500_000);

        assertEquals(1, values(deep, 2_000_000).size());
    }

    /** A socket hands over what has arrived: values cut across reads, and past the first buffer, come out whole. */
    @Test
    public void joinsValuesSplitAcrossSmallReads() throws Exception {
        String big = "{\"a\":\"" + "y".repeat(20_000) + "\"}";
        byte[] bytes = ("{\"a\":1}\n[\"b\\\"]\"]" + big + " 7\n").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                return super.read(into, offset, Math.min(length, 3));
            }
        };
        JsonValueFramer framer = new JsonValueFramer(trickle, 100_000);

        assertEquals("{\"a\":1}", framer.next());
        assertEquals("[\"b\\\"]\"]", framer.next());
        assertEquals(big, framer.next());
        assertEquals("7", framer.next());
        assertNull(framer.next());
    }

    private static List<String> values(String stream, int maxBytes) throws IOException, JsonValueFramer.FramingException {
        JsonValueFramer framer = new JsonValueFramer(
                new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), maxBytes);
        List<String> values = new ArrayList<>();
        for (String value = framer.next(); value != null; value = framer.next()) {
            values.add(value);
        }
        assertNull(framer.next());
        return values;
    }
}
