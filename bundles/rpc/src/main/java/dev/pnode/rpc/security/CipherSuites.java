package dev.pnode.rpc.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Quorum's cipher suites (IANA numbers, Go's {@code tls.TLS_*} constants) as JSSE names. Like Go, the list governs
 * TLS 1.2 only: the TLS 1.3 suites are always on. Like Quorum, an empty list means the four ECDHE AES-256 suites.
 */
final class CipherSuites {

    /** Quorum's {@code defaultCipherSuites} (plugin/security/gateway.go). */
    static final List<Integer> QUORUM_DEFAULT = List.of(0xc030, 0xc02c, 0xc014, 0xc00a);

    private static final List<String> TLS13 = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");

    /** Every suite Go's crypto/tls knows, by IANA number. */
    private static final Map<Integer, String> JSSE_NAMES = Map.ofEntries(
            Map.entry(0x000a, "SSL_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
            Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"));

    private CipherSuites() {
    }

    /**
     * The JSSE suites to enable: TLS 1.3's, then the requested ones this JVM supports, in the requested order.
     *
     * @param requested IANA numbers; empty for Quorum's default
     * @param supported what the JVM's TLS implementation can do
     * @throws IllegalArgumentException when none of the requested TLS 1.2 suites can be used, naming them
     */
    static List<String> enabled(List<Integer> requested, Set<String> supported) {
        List<Integer> wanted = requested.isEmpty() ? QUORUM_DEFAULT : requested;
        Set<String> enabled = new LinkedHashSet<>();
        TLS13.stream().filter(supported::contains).forEach(enabled::add);
        List<String> usable = new ArrayList<>();
        for (int suite : wanted) {
            String name = JSSE_NAMES.get(suite);
            if (name != null && supported.contains(name) && !TLS13.contains(name)) {
                usable.add(name);
            }
        }
        boolean onlyTls13Requested = wanted.stream().allMatch(suite -> TLS13.contains(JSSE_NAMES.getOrDefault(suite, "")));
        if (usable.isEmpty() && !onlyTls13Requested) {
            throw new IllegalArgumentException("none of the cipher suites " + wanted.stream()
                    .map(suite -> String.format("0x%04x", suite)).collect(Collectors.joining(", "))
                    + " is known and supported here; known: " + JSSE_NAMES.values().stream().sorted()
                            .collect(Collectors.joining(", ")));
        }
        enabled.addAll(usable);
        return List.copyOf(enabled);
    }
}
