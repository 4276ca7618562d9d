package dev.pnode.rpc.jsonrpc;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Converts positional JSON-RPC params to Java arguments strictly: a string parameter takes only a JSON string,
 * a number only a JSON number, a boolean only a JSON boolean (gson alone would turn {@code 42} into
 * {@code "42"}), and nothing takes {@code null}.
 */
public final class PositionalParams {

    private static final Gson GSON = new Gson();
    private static final Set<Type> NUMBERS = Set.of(int.class, long.class, short.class, byte.class, double.class,
            float.class, Integer.class, Long.class, Short.class, Byte.class, Double.class, Float.class,
            BigInteger.class, BigDecimal.class);

    private PositionalParams() {
    }

    /**
     * @param method the JSON-RPC method name, for messages
     * @param params the request's params (array, object or null)
     * @param types the Java parameter types, in order
     * @throws JsonRpcError {@code -32602} naming what was expected and what is wrong
     */
    public static Object[] convert(String method, JsonElement params, List<? extends Type> types)
            throws JsonRpcError {
        if (params != null && params.isJsonObject()) {
            throw JsonRpcError.invalidParams(method, "expected positional params (a JSON array) "
                    + signature(types) + ", got an object");
        }
        JsonArray values = params == null ? new JsonArray() : params.getAsJsonArray();
        if (values.size() != types.size()) {
            throw JsonRpcError.invalidParams(method, "expected " + types.size() + " parameter"
                    + (types.size() == 1 ? " " : "s ") + signature(types) + ", got " + values.size());
        }
        Object[] arguments = new Object[types.size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = convertOne(method, i + 1, values.get(i), types.get(i));
        }
        return arguments;
    }

    private static Object convertOne(String method, int position, JsonElement value, Type type) throws JsonRpcError {
        String expected = expectedKind(type);
        if (value.isJsonNull() || !matches(value, type)) {
            throw JsonRpcError.invalidParams(method, "parameter " + position + " must be " + expected + ", got "
                    + JsonKinds.describe(value));
        }
        if (NUMBERS.contains(type)) {
            try {
                return exactNumber(value.getAsBigDecimal(), type);
            } catch (ArithmeticException | NumberFormatException e) {
                throw JsonRpcError.invalidParams(method, "parameter " + position + " must be " + expected + ", got "
                        + JsonKinds.describe(value) + ", which does not fit");
            }
        }
        if (type == String.class) {
            // matched above as a JSON string; gson's tree reader would take several µs per call to say the same
            return value.getAsString();
        }
        if (type == boolean.class || type == Boolean.class) {
            return value.getAsBoolean();
        }
        try {
            return GSON.fromJson(value, type);
        } catch (JsonParseException | NumberFormatException e) {
            throw JsonRpcError.invalidParams(method, "parameter " + position + " must be " + expected + ", got "
                    + JsonKinds.describe(value) + " (" + e.getMessage() + ")");
        }
    }

    /** gson would silently truncate 1.5 to 1 and wrap 2^40 around an int. */
    private static Object exactNumber(BigDecimal number, Type type) {
        if (type == int.class || type == Integer.class) {
            return number.intValueExact();
        }
        if (type == long.class || type == Long.class) {
            return number.longValueExact();
        }
        if (type == short.class || type == Short.class) {
            return number.shortValueExact();
        }
        if (type == byte.class || type == Byte.class) {
            return number.byteValueExact();
        }
        if (type == double.class || type == Double.class) {
            return number.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return number.floatValue();
        }
        return type == BigInteger.class ? number.toBigIntegerExact() : number;
    }

    private static boolean matches(JsonElement value, Type type) {
        if (type == String.class) {
            return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
        }
        if (type == boolean.class || type == Boolean.class) {
            return value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
        }
        if (NUMBERS.contains(type)) {
            return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
        }
        return true;
    }

    private static String expectedKind(Type type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (NUMBERS.contains(type)) {
            return "a number (" + simpleName(type) + ")";
        }
        return "a " + simpleName(type);
    }

    /** E.g. {@code (String)} or {@code (String, int)}. */
    private static String signature(List<? extends Type> types) {
        return types.stream().map(PositionalParams::simpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String simpleName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }

    /** Convenience for methods that take no params: refuses any. */
    public static void none(String method, JsonElement params) throws JsonRpcError {
        convert(method, params, List.of());
    }

    /** Convenience for methods that take one string. */
    public static String oneString(String method, JsonElement params) throws JsonRpcError {
        return (String) convert(method, params, List.of(String.class))[0];
    }
}
