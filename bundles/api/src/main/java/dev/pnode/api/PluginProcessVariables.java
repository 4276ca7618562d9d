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

    /**
     * A directory of the plugin's own that outlives its process and stays while its zip is unchanged (a JVM's class
     * data sharing archive, for instance); other go-plugin hosts do not set it.
     */
    public static final String CACHE_DIR = "PNODE_PLUGIN_CACHE_DIR";

    private PluginProcessVariables() {
    }
}
