package dev.pnode.rpc.jsonrpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.Test;

public class SingleRequestReaderTest {

    private static final int DEPTH = 8;

    @Test
    public void readsTheCommonRequestInAnyMemberOrder() {
        Request request = SingleRequestReader.read(
                "{\"params\":[\"world\",true,42,{\"a\":[1]}],\"method\":\"greet\",\"id\":7,\"jsonrpc\":\"2.0\"}", DEPTH);

        assertEquals("greet", request.method());
        assertEquals(new JsonPrimitive(7), request.id());
        assertEquals(JsonParser.parseString("[\"world\",true,42,{\"a\":[1]}]"), request.params());
    }

    @Test
    public void readsNotificationsNullIdsStringIdsAndAbsentOrNullParams() {
        Request notification = SingleRequestReader.read("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}", DEPTH);
        assertTrue(notification.notification());
        assertNull(notification.params());

        Request nullId = SingleRequestReader.read("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\",\"params\":null}",
                DEPTH);
        assertEquals(JsonNull.INSTANCE, nullId.id());
        assertNull(nullId.params());

        assertEquals(new JsonPrimitive("x\n"),
                SingleRequestReader.read("{\"jsonrpc\":\"2.0\",\"id\":\"x\\n\",\"method\":\"m\"}", DEPTH).id());
        assertEquals(new JsonArray(),
                SingleRequestReader.read(" {\"jsonrpc\" : \"2.0\", \"method\":\"m\",\"params\":[]}\n", DEPTH).params());
        assertEquals(JsonParser.parseString("{\"a\":1}"),
                SingleRequestReader.read("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":1}}", DEPTH).params());
    }

    @Test
    public void keepsANumericIdAsSent() {
        assertEquals("1.50", SingleRequestReader.read("{\"jsonrpc\":\"2.0\",\"id\":1.50,\"method\":\"m\"}", DEPTH)
                .id().getAsJsonPrimitive().toString());
    }

    /** What the general path answers with an error, or reads as the spec or gson wants, is never read here. */
    @Test
    public void leavesEverythingElseToTheGeneralPath() {
        List<String> unusual = List.of(
                "", " ", "null", "42", "\"text\"", "[]", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}]",
                "{}",
                // missing or wrong members
                "{\"id\":1,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}",
                "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"m\"}",
                "{\"jsonrpc\":null,\"id\":1,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":[\"m\"]}",
                "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":\"bar\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":false}",
                // repeated and unknown members (gson's tree keeps the last; the general path answers that)
                "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"id\":2,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"method\":\"b\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[1],\"params\":[2]}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":null,\"params\":[2]}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"extra\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"Method\":\"n\"}",
                // not strict JSON, truncated, trailing data
                "{'jsonrpc':'2.0','id':1,'method':'m'}",
                "{jsonrpc:\"2.0\",id:1,method:\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[1,]}",
                "// c\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":NaN,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[NaN]}",
                "{\"jsonrpc\":\"2.0\",\"id\":01,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[\"a\"",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"} {}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}x",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\\x\"}",
                // deeper than the limit of 8 levels: the object is the first, params the second
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[[[[[[[[1]]]]]]]]}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{}}}}}}}}}");
        for (String text : unusual) {
            assertNull(text, SingleRequestReader.read(text, DEPTH));
        }
    }

    @Test
    public void readsParamsUpToTheNestingLimit() {
        assertEquals(JsonParser.parseString("[[[[[[[1]]]]]]]"), SingleRequestReader.read(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[[[[[[[1]]]]]]]}", DEPTH).params());
    }
}
