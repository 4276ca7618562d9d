package dev.pnode.goplugin;

import java.nio.file.Path;

/**
 * Cleans up after a host that died without stopping its plugins: every started process leaves a record in the
 * run directory; a record whose process still runs (same pid and start instant) is killed, stale sockets are
 * deleted.
 */
public final class OrphanReaper {

    private OrphanReaper() {
    }

    /** @return how many orphan processes were killed */
    public static int reap(Path runDirectory) {
        throw new UnsupportedOperationException("TODO(goplugin helper)");
    }
}
