package dev.pnode.rpc.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins browsers may call from: geth's {@code --http.corsdomain} (CORS on HTTP; none by default, so
 * browsers refuse to hand pages the answers) and {@code --ws.origins} (the WebSocket handshake's Origin). An entry
 * is an origin such as {@code https://app.example.org}, or {@code *} for every origin.
 */
public final class AllowedOrigins {

    public static final AllowedOrigins NONE = parse("");

    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = origins;
    }

    /** A comma-separated list; blanks are ignored. */
    public static AllowedOrigins parse(String commaSeparated) {
        return new AllowedOrigins(Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(origin -> !origin.isEmpty()).map(AllowedOrigins::normalize)
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    /** These origins, or when none are given geth's WebSocket default: {@code http://localhost} and this host. */
    public AllowedOrigins orLocalhost() {
        if (!origins.isEmpty()) {
            return this;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return parse("http://localhost,http://" + host);
    }

    /** Whether a request carrying this {@code Origin} header may be served to the page. */
    public boolean allows(String origin) {
        return origin != null && (origins.contains("*") || origins.contains(normalize(origin)));
    }

    private static String normalize(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public String toString() {
        return origins.stream().sorted().collect(Collectors.joining(","));
    }
}
