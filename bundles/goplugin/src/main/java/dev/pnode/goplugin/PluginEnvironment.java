package dev.pnode.goplugin;

import dev.pnode.api.Handshake;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment a plugin process gets: a few host variables it may need (never secrets the node happens to
 * hold), the caller's extra variables, then go-plugin's variables, which nothing may override because the magic
 * cookie and the client certificate decide whom the plugin talks to.
 */
final class PluginEnvironment {

    static final Set<String> ALLOWED_HOST_VARIABLES = Set.of("PATH", "HOME", "USER", "LANG", "TZ", "TMPDIR",
            "JAVA_HOME");
    static final String ALLOWED_HOST_PREFIX = "LC_";
    static final int MIN_PORT = 10_000;
    static final int MAX_PORT = 25_000;

    private PluginEnvironment() {
    }

    /**
     * The host's process id, so that a plugin can tell at its start whether the host that launched it still runs
     * (its parent at start is not the host once the host died); the Java SDK exits then.
     */
    static final String HOST_PID = "PNODE_HOST_PID";

    static Map<String, String> build(Map<String, String> host, Handshake handshake, Map<String, String> extra,
            String clientCertificatePem, Path unixSocketDirectory, long hostPid) {
        Map<String, String> environment = new LinkedHashMap<>();
        host.forEach((name, value) -> {
            if (ALLOWED_HOST_VARIABLES.contains(name) || name.startsWith(ALLOWED_HOST_PREFIX)) {
                environment.put(name, value);
            }
        });
        environment.putAll(extra);
        environment.put(handshake.magicCookieKey(), handshake.magicCookieValue());
        environment.put("PLUGIN_PROTOCOL_VERSIONS", Integer.toString(handshake.protocolVersion()));
        environment.put("PLUGIN_MIN_PORT", Integer.toString(MIN_PORT));
        environment.put("PLUGIN_MAX_PORT", Integer.toString(MAX_PORT));
        environment.put("PLUGIN_CLIENT_CERT", clientCertificatePem);
        environment.put("PLUGIN_UNIX_SOCKET_DIR", unixSocketDirectory.toString());
        // go-plugin before 1.5 ignores PLUGIN_UNIX_SOCKET_DIR and puts its socket in TMPDIR: keep it private too
        environment.put("TMPDIR", unixSocketDirectory.toString());
        environment.put(HOST_PID, Long.toString(hostPid));
        return environment;
    }
}
