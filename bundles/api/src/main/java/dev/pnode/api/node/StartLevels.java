package dev.pnode.api.node;

/**
 * The start levels the launcher and the bundles agree on (features.xml places each bundle at its level).
 */
public final class StartLevels {

    /**
     * The first level of the HTTP stack: SPI Fly and SLF4J, Felix HTTP Jetty 12, Jetty's WebSocket bundles (levels
     * {@value} to {@link #HTTP_STACK}). The launcher raises the framework to it only when an endpoint needs it at
     * boot ({@code --http}, {@code --ws}, {@code --metrics}); otherwise the boot neither installs nor starts the bundles
     * of these levels, and whatever needs the stack later installs them ({@link #HTTP_STACK_INSTALLER}) and raises the
     * framework to {@link #HTTP_STACK} on the running node.
     */
    public static final int HTTP_STACK_FIRST = 91;

    /** The framework start level at which the whole HTTP stack has started. */
    public static final int HTTP_STACK = 99;

    /**
     * The service property ({@code true}) of the launcher's {@link Runnable} that installs the HTTP stack's bundles on
     * a running node whose boot left them out (a boot without the endpoints that need them does not even install
     * them); they start once something raises the framework to {@link #HTTP_STACK}. A JDK type, so that the launcher's
     * class path and the bundles agree on it. Throws with the reason when a bundle cannot be installed.
     */
    public static final String HTTP_STACK_INSTALLER = "pnode.httpstack.installer";

    private StartLevels() {
    }
}
