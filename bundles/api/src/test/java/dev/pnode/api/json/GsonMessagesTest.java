package dev.pnode.api.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.Test;

public class GsonMessagesTest {

    @Test
    public void leniencyAdviceBecomesWhatStrictJsonRefuses() {
        assertEquals(GsonMessages.MALFORMED + " at line 1 column 1 (path $)", describeStrict("hello"));
        assertEquals(GsonMessages.MALFORMED + " at line 1 column 4 (path $.)", describeStrict("{ // comment\n}"));
    }

    @Test
    public void endOfInputIsSaidPlainly() {
        assertEquals("unexpected end of input at line 1 column 6 (path $.a)", describeStrict("{\"a\":"));
    }

    @Test
    public void keepsGsonsReasonAndPosition() {
        assertEquals("Expected ':' at line 1 column 7 (path $.a)", describeStrict("{\"a\" 1}"));
    }

    @Test
    public void neverShowsTheTroubleshootingLink() {
        JsonParseException wrapped = assertThrows(JsonParseException.class, () -> JsonParser.parseString("[1,"));
        String described = GsonMessages.describe(wrapped);

        assertEquals(-1, described.indexOf("See "));
        assertEquals(-1, described.indexOf("MalformedJsonException"));
    }

    @Test
    public void cutsLongPaths() {
        String key = "k".repeat(200);
        String described = describeStrict("{\"" + key + "\":}");

        assertEquals("Expected value at line 1 column 205 (path $." + key.substring(0, GsonMessages.MAX_PATH_SHOWN - 2)
                + "...)", described);
    }

    @Test
    public void aNumberGsonCannotReadIsNotANumber() {
        assertEquals("not a number", GsonMessages.reason(new NumberFormatException("For input string: \"1e\"")));
    }

    @Test
    public void positionFromAReadersDescription() throws IOException {
        JsonReader reader = new JsonReader(new StringReader("{\"providers\": {\"x\": 1}}"));
        reader.beginObject();
        reader.nextName();
        reader.beginObject();
        reader.nextName();

        assertEquals("at line 1 column 19 (path $.providers.x)", GsonMessages.position(reader.toString()));
        assertEquals("", GsonMessages.position("no position here"));
        assertEquals("", GsonMessages.position(null));
    }

    private static String describeStrict(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        Exception failure = assertThrows(Exception.class, () -> JsonParser.parseReader(reader));
        return GsonMessages.describe(failure);
    }
}
