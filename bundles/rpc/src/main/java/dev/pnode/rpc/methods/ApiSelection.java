package dev.pnode.rpc.methods;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which API namespaces an endpoint serves, like geth's {@code --http.api}: {@code admin}, {@code rpc},
 * {@code plugin@helloworld}, or {@code plugin@*} for every plugin interface. {@code rpc} is always served.
 */
public final class ApiSelection {

    /** Everything (the IPC socket, private to the node's user). */
    public static final ApiSelection ALL = new ApiSelection(Set.of("*"));

    private static final String ANY_PLUGIN = PluginMethodName.PREFIX + "*";
    private static final Pattern NAMESPACE = Pattern.compile("admin|rpc|plugin@(\\*|[A-Za-z0-9._-]+)");

    private final Set<String> namespaces;

    private ApiSelection(Set<String> namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * Parses a comma-separated list such as {@code rpc,plugin@*}.
     *
     * @throws IllegalArgumentException naming the entry that is not a namespace
     */
    public static ApiSelection parse(String commaSeparated) {
        Set<String> namespaces = Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(entry -> !entry.isEmpty()).collect(Collectors.toUnmodifiableSet());
        for (String namespace : namespaces) {
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException("unknown API \"" + namespace
                        + "\": expected admin, rpc, plugin@<interface> or plugin@*");
            }
        }
        return new ApiSelection(namespaces);
    }

    /** Whether a namespace ({@code admin}, {@code plugin@helloworld}, ...) is served. */
    public boolean allows(String namespace) {
        return namespace.equals("rpc") || namespaces.contains("*") || namespaces.contains(namespace)
                || namespace.startsWith(PluginMethodName.PREFIX) && namespaces.contains(ANY_PLUGIN);
    }

    @Override
    public String toString() {
        return namespaces.stream().sorted().collect(Collectors.joining(","));
    }
}
