package dev.pnode.rpc.jsonrpc;

import static org.junit.Assert.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.Test;

public class ResponsesTest {

    @Test
    public void writesResponsesAsGsonWritesTheirTree() {
        Responses.Response[] responses = {
            Responses.success(JsonParser.parseString("1.50"), JsonParser.parseString("{\"a\":[1,null,\"<\\u2028>\"]}")),
            Responses.success(new JsonPrimitive("id"), null),
            Responses.error(JsonParser.parseString("null"), JsonRpcError.invalidRequest("\"quoted\"\nand <html> é")),
            Responses.error(new JsonPrimitive(3), new JsonRpcError(-1, null)),
        };
        for (Responses.Response response : responses) {
            JsonObject tree = new JsonObject();
            tree.addProperty("jsonrpc", "2.0");
            tree.add("id", response.id());
            if (response.failed()) {
                JsonObject error = new JsonObject();
                error.addProperty("code", response.error().code());
                error.addProperty("message", response.error().getMessage());
                tree.add("error", error);
            } else {
                tree.add("result", response.result() == null ? JsonParser.parseString("null") : response.result());
            }
            assertEquals(Responses.toText(tree), Responses.toText(response));
        }
        assertEquals("[" + Responses.toText(responses[0]) + "," + Responses.toText(responses[2]) + "]",
                Responses.toText(List.of(responses[0], responses[2])));
    }
}
