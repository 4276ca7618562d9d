package dev.pnode.api.node;

/**
 * The start levels the launcher and the bundles agree on (features.xml places each bundle at its level).
 */
public final class StartLevels {

    /**
     * The first level of the HTTP stack: SPI Fly and SLF4J, Felix HTTP Jetty 12, Jetty's WebSocket bundles (levels
     * {@value} to {@link #HTTP_STACK}). The launcher raises the framework to it only when an endpoint needs it at
     * boot ({@code --http}, {@code --ws}, {@code --metrics}); otherwise the boot stops at the level below, and
     * whatever needs the stack later raises the framework to {@link #HTTP_STACK} on the running node.
     */
    public static final int HTTP_STACK_FIRST = 91;

    /** The framework start level at which the whole HTTP stack has started. */
    public static final int HTTP_STACK = 99;

    private StartLevels() {
    }
}
