package dev.pnode.rpc.jsonrpc;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.Test;

public class PositionalParamsTest {

    private static final Type STRINGS = new TypeToken<List<String>>() { }.getType();

    @Test
    public void convertsEachParameterToItsType() throws JsonRpcError {
        Object[] arguments = PositionalParams.convert("m", json("[\"a\", 2, true, [\"x\",\"y\"], 2.5]"),
                List.of(String.class, int.class, boolean.class, STRINGS, double.class));

        assertArrayEquals(new Object[] {"a", 2, true, List.of("x", "y"), 2.5}, arguments);
    }

    @Test
    public void takesNoParamsAsAnEmptyList() throws JsonRpcError {
        assertEquals(0, PositionalParams.convert("m", null, List.of()).length);
        assertEquals(0, PositionalParams.convert("m", json("[]"), List.of()).length);
    }

    @Test
    public void saysHowManyParametersWereExpected() {
        assertRefused("[\"a\", \"b\"]", List.of(String.class),
                "invalid params for m: expected 1 parameter (String), got 2");
        assertRefused("[]", List.of(String.class, int.class),
                "invalid params for m: expected 2 parameters (String, int), got 0");
        assertRefused("[1]", List.of(), "invalid params for m: expected 0 parameters (), got 1");
    }

    @Test
    public void refusesNamedParams() {
        assertRefused("{\"msg\":\"a\"}", List.of(String.class),
                "invalid params for m: expected positional params (a JSON array) (String), got an object");
    }

    @Test
    public void doesNotTurnNumbersOrBooleansIntoStrings() {
        assertRefused("[42]", List.of(String.class), "invalid params for m: parameter 1 must be a string, got the number 42");
        assertRefused("[true]", List.of(String.class),
                "invalid params for m: parameter 1 must be a string, got the boolean true");
        assertRefused("[[\"a\"]]", List.of(String.class), "invalid params for m: parameter 1 must be a string, got an array");
    }

    @Test
    public void refusesNull() {
        assertRefused("[null]", List.of(String.class), "invalid params for m: parameter 1 must be a string, got null");
        assertRefused("[null]", List.of(STRINGS), "invalid params for m: parameter 1 must be a ");
    }

    @Test
    public void refusesNumbersThatDoNotFit() {
        assertRefused("[\"1\"]", List.of(int.class),
                "invalid params for m: parameter 1 must be a number (int), got the string \"1\"");
        assertRefused("[1.5]", List.of(int.class),
                "invalid params for m: parameter 1 must be a number (int), got the number 1.5, which does not fit");
        assertRefused("[99999999999]", List.of(int.class),
                "invalid params for m: parameter 1 must be a number (int), got the number 99999999999, which does not fit");
        assertRefused("[300]", List.of(byte.class), "invalid params for m: parameter 1 must be a number (byte)");
    }

    @Test
    public void keepsWholeNumbersExact() throws JsonRpcError {
        assertArrayEquals(new Object[] {4_000_000_000L, 3, new java.math.BigInteger("123456789012345678901234567890")},
                PositionalParams.convert("m", json("[4000000000, 3.0, 123456789012345678901234567890]"),
                        List.of(long.class, Integer.class, java.math.BigInteger.class)));
    }

    @Test
    public void refusesWrongStructuredValues() {
        assertRefused("[\"a\"]", List.of(STRINGS), "invalid params for m: parameter 1 must be a java.util.List<java.lang.String>");
        assertRefused("[[1, {}]]", List.of(STRINGS), "invalid params for m: parameter 1 must be a");
    }

    @Test
    public void cutsLongValuesShortInMessages() {
        JsonRpcError e = assertThrows(JsonRpcError.class,
                () -> PositionalParams.convert("m", json("[\"" + "x".repeat(1000) + "\"]"), List.of(int.class)));

        assertEquals("invalid params for m: parameter 1 must be a number (int), got the string \"" + "x".repeat(40)
                + "...\"", e.getMessage());
    }

    private static void assertRefused(String params, List<Type> types, String messageStart) {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> PositionalParams.convert("m", json(params), types));
        assertEquals(JsonRpcError.INVALID_PARAMS, e.code());
        if (!e.getMessage().startsWith(messageStart)) {
            throw new AssertionError("\"" + e.getMessage() + "\" should start with \"" + messageStart + "\"");
        }
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }
}
