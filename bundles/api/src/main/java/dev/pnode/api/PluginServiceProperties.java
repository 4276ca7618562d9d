package dev.pnode.api;

/** Service properties the host sets on every contract service it registers for a running plugin. */
public final class PluginServiceProperties {

    /** The interface key, e.g. {@code helloworld}; consumers filter on it. */
    public static final String INTERFACE = "pnode.plugin.interface";

    /** The fully qualified name of the contract type the service is registered under. */
    public static final String CONTRACT = "pnode.plugin.contract";

    /** The plugin's name from the settings. */
    public static final String NAME = "pnode.plugin.name";

    /** The plugin's version from the settings. */
    public static final String VERSION = "pnode.plugin.version";

    private PluginServiceProperties() {
    }
}
