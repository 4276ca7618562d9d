package dev.pnode.goplugin;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * While any hold is taken ({@link PluginProcess#holdChannelPolling()}), the plugin channels' I/O threads in this node
 * block as soon as they have nothing to do instead of polling ({@link SpinThenBlockStrategy}). A host takes one for a
 * reload: the replacement boots and takes over beside the process it replaces, and a polling loop would take the
 * cores from both, since its yield only lets the node's own threads go first (it reorders the node's scheduler
 * autogroup, not the plugins' sessions): the serving plugin's threads waited behind it and the callers' calls with
 * them (BENCHMARKS.md, figure 3, session 19).
 */
final class PollingHolds {

    private static final AtomicInteger TAKEN = new AtomicInteger();

    private PollingHolds() {
    }

    /** @return releases the hold; releasing it again does nothing */
    static Runnable take() {
        TAKEN.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                TAKEN.decrementAndGet();
            }
        };
    }

    static boolean any() {
        return TAKEN.get() > 0;
    }
}
