package dev.pnode.rpc.methods;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin method's JSON-RPC name, {@code plugin@<interface>_<method>}, e.g. {@code plugin@helloworld_greeting}
 * for {@code HelloWorld.greeting}.
 *
 * @param interfaceKey e.g. {@code helloworld}
 * @param method the Java method name, e.g. {@code greeting}
 */
public record PluginMethodName(String interfaceKey, String method) {

    static final String PREFIX = "plugin@";

    /** Interface keys are plain names; anything else could not be put into an LDAP filter safely. */
    private static final Pattern NAME = Pattern.compile("plugin@([A-Za-z0-9.-]+(?:_[A-Za-z0-9.-]+)*?)_([a-z][A-Za-z0-9]*)");

    /**
     * Names parsed before: the dispatcher looks every call's name up, and the match costs more than the rest of
     * the lookup. Bounded, since clients choose the names; past the bound names are matched each time.
     */
    private static final int MAX_REMEMBERED = 1024;
    private static final Map<String, Optional<PluginMethodName>> PARSED = new ConcurrentHashMap<>();

    /** Empty when the name is not a well-formed plugin method name. */
    public static Optional<PluginMethodName> parse(String jsonRpcName) {
        Optional<PluginMethodName> remembered = PARSED.get(jsonRpcName);
        if (remembered != null) {
            return remembered;
        }
        Matcher matcher = NAME.matcher(jsonRpcName);
        Optional<PluginMethodName> parsed = matcher.matches()
                ? Optional.of(new PluginMethodName(matcher.group(1), matcher.group(2))) : Optional.empty();
        if (parsed.isPresent() && PARSED.size() < MAX_REMEMBERED) {
            PARSED.put(jsonRpcName, parsed);
        }
        return parsed;
    }

    /** The JSON-RPC namespace of an interface, as {@code rpc_modules} lists it: {@code plugin@helloworld}. */
    public static String module(String interfaceKey) {
        return PREFIX + interfaceKey;
    }

    @Override
    public String toString() {
        return module(interfaceKey) + "_" + method;
    }
}
