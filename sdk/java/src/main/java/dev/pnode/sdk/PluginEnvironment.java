package dev.pnode.sdk;

import dev.pnode.api.Handshake;
import dev.pnode.api.PluginProcessVariables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What the host tells a plugin through its environment (go-plugin's variables plus pnode's transport switch). */
record PluginEnvironment(Map<String, String> variables) {

    static final String PROTOCOL_VERSIONS = "PLUGIN_PROTOCOL_VERSIONS";
    static final String CLIENT_CERT = "PLUGIN_CLIENT_CERT";
    static final String UNIX_SOCKET_DIR = "PLUGIN_UNIX_SOCKET_DIR";
    /** go-plugin 1.6: a group (name or gid) that may use the socket too; the socket becomes mode 0660. */
    static final String UNIX_SOCKET_GROUP = "PLUGIN_UNIX_SOCKET_GROUP";
    static final String MIN_PORT = "PLUGIN_MIN_PORT";
    static final String MAX_PORT = "PLUGIN_MAX_PORT";
    /**
     * {@code tcp} (127.0.0.1, grpc-okhttp) or {@code unix} (a unix socket, netty); pnode's switch, go-plugin uses TCP
     * only on Windows. Default: tcp with AutoMTLS, unix without ({@link #wantsTcp()}).
     */
    static final String TRANSPORT = "PNODE_PLUGIN_TRANSPORT";
    /** Seconds without calls before the plugin collects its heap once ({@link IdleCollection}); 0 never. */
    static final String IDLE_GC_SECONDS = "PNODE_PLUGIN_IDLE_GC_SECONDS";
    static final Duration DEFAULT_IDLE_GC = Duration.ofSeconds(5);

    PluginEnvironment {
        variables = Map.copyOf(variables);
    }

    static PluginEnvironment current() {
        return new PluginEnvironment(System.getenv());
    }

    /** True when the host set the magic cookie this plugin expects: the proof that a plugin host started us. */
    boolean carriesCookieOf(Handshake handshake) {
        return handshake.magicCookieValue().equals(variables.get(handshake.magicCookieKey()));
    }

    String hostProtocolVersions() {
        return variables.get(PROTOCOL_VERSIONS);
    }

    /** The host's AutoMTLS certificate (PEM), when it wants mutual TLS. */
    Optional<String> clientCertificatePem() {
        return nonEmpty(CLIENT_CERT);
    }

    /**
     * By default TCP when the host wants AutoMTLS: grpc-okhttp's server loads about a tenth of netty's classes, and
     * the plugin idles about 14 MB smaller (BENCHMARKS.md, session 10), while only the host's certificate gets a call
     * through. A plaintext plugin stays on a unix socket, which only its user (or {@value #UNIX_SOCKET_GROUP}) may
     * open, where any local user could open a TCP port.
     */
    boolean wantsTcp() {
        return nonEmpty(TRANSPORT).map(transport -> {
            if (transport.equals("tcp")) {
                return true;
            }
            if (transport.equals("unix")) {
                return false;
            }
            throw new PluginStartException(TRANSPORT + " must be \"tcp\" or \"unix\", was \"" + transport + "\"");
        }).orElseGet(() -> clientCertificatePem().isPresent());
    }

    /** Where the unix socket goes: the host's choice, else the temp directory. */
    Path socketDirectory() {
        return Path.of(nonEmpty(UNIX_SOCKET_DIR).orElse(System.getProperty("java.io.tmpdir")));
    }

    Optional<String> socketGroup() {
        return nonEmpty(UNIX_SOCKET_GROUP);
    }

    /** go-plugin's port range; both ends default to 0, which binds any free port. */
    PortRange portRange() {
        int min = port(MIN_PORT);
        int max = port(MAX_PORT);
        if (min > max) {
            throw new PluginStartException(MIN_PORT + " value of " + min + " is greater than " + MAX_PORT
                    + " value of " + max);
        }
        return new PortRange(min, max);
    }

    /** How long the plugin waits without calls before it collects its heap once; empty: never. */
    Optional<Duration> idleCollection() {
        Optional<String> value = nonEmpty(IDLE_GC_SECONDS);
        if (value.isEmpty()) {
            return Optional.of(DEFAULT_IDLE_GC);
        }
        try {
            long seconds = Long.parseLong(value.get().trim());
            if (seconds < 0 || seconds > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            throw new PluginStartException(IDLE_GC_SECONDS + " must be a number of seconds (0: never), was \""
                    + value.get() + "\"");
        }
    }

    /** How long the host lets the plugin warm itself up before its handshake line; empty: not at all. */
    Optional<Duration> warmUp() {
        Optional<String> value = nonEmpty(PluginProcessVariables.WARM_UP_MILLIS);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(value.get().trim());
            if (millis < 0) {
                throw new NumberFormatException();
            }
            return millis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
        } catch (NumberFormatException e) {
            throw new PluginStartException(PluginProcessVariables.WARM_UP_MILLIS
                    + " must be a number of milliseconds (0: no warm-up), was \"" + value.get() + "\"");
        }
    }

    private int port(String name) {
        Optional<String> value = nonEmpty(name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.get().trim());
            if (port < 0 || port > 65535) {
                throw new PluginStartException(name + " must be a port between 0 and 65535, was " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new PluginStartException("couldn't get value from " + name + ": \"" + value.get()
                    + "\" is not a number");
        }
    }

    private Optional<String> nonEmpty(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
    }

    record PortRange(int min, int max) {
    }
}
