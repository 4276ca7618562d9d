package dev.pnode.api;

/**
 * Environment variables the host sets for a plugin process it starts beside the go-plugin handshake's, read by the
 * Java SDK: one name for both sides.
 */
public final class PluginProcessVariables {

    /**
     * Milliseconds a reload's replacement may warm itself up before its handshake line, while the process it replaces
     * still serves; absent or 0: none. Never set on a start that callers wait for; plugins without a warm-up ignore it.
     */
    public static final String WARM_UP_MILLIS = "PNODE_PLUGIN_WARM_UP_MILLIS";

    private PluginProcessVariables() {
    }
}
