package dev.pnode.api.node;

/** Framework properties that say where the node lives and who it is; the launcher sets them. */
public final class NodeProperties {

    /** The data directory, an absolute path (geth's {@code --datadir}). */
    public static final String DATADIR = "pnode.datadir";

    /** The installation directory ({@code bin/}, {@code etc/}, {@code system/}); also a JVM system property. */
    public static final String HOME = "pnode.home";

    /** The node's identity, as {@code admin_nodeInfo} and the plugins' {@code hostIdentity} show it. */
    public static final String IDENTITY = "pnode.identity";

    /** The node's log file, which {@code log:tail} reads. */
    public static final String LOG_FILE = "pnode.log.file";

    private NodeProperties() {
    }
}
