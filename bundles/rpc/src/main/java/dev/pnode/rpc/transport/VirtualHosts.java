package dev.pnode.rpc.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * geth's {@code --http.vhosts}: the host names a request may be addressed to, against DNS rebinding (a web page
 * whose name the attacker points at the node's address could otherwise post to it from the user's browser).
 * Requests without a Host, or addressed to an IP address, pass (rebinding needs a name), as in geth; {@code *}
 * lets every name pass.
 */
public final class VirtualHosts {

    /** geth's default. */
    public static final VirtualHosts LOCALHOST = parse("localhost");
    public static final VirtualHosts ANY = parse("*");

    private final Set<String> names;

    private VirtualHosts(Set<String> names) {
        this.names = names;
    }

    /** A comma-separated list such as {@code localhost,node.example.org}; blanks are ignored. */
    public static VirtualHosts parse(String commaSeparated) {
        return new VirtualHosts(Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** These names and also {@code name} (the listening address, when it is a name). */
    public VirtualHosts and(String name) {
        return parse(String.join(",", names) + "," + name);
    }

    /** @param hostHeader the request's Host header (may carry a port), or null */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String host = withoutPort(hostHeader.trim().toLowerCase(Locale.ROOT));
        // the set first: the usual request names one of the hosts, and the address check splits the name
        return names.contains(host) || names.contains("*") || isIpAddress(host);
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    /** Literal addresses only; never a DNS lookup. */
    private static boolean isIpAddress(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.length() > 2 && host.substring(1, host.length() - 1).chars()
                    .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return names.stream().sorted().collect(Collectors.joining(","));
    }
}
