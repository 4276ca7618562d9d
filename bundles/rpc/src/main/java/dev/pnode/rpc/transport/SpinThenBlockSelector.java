package dev.pnode.rpc.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;

/**
 * Jetty's selector for the JSON-RPC connectors, polling (non-blocking) for a short time before it blocks, as the
 * plugin channel's event loop does (bundles/goplugin, {@code SpinThenBlockStrategy}). An HTTP JSON-RPC call wakes a
 * sleeping selector twice: the thread that writes the answer (the plugin channel's) re-arms the connection's read
 * interest through the selector, and the client's next request arrives tens of microseconds later; each wake-up of
 * a sleeping thread costs a sizeable part of a call on a virtual machine's busy cores. An idle connector blocks once
 * the window has passed. Each empty poll yields the core, so that with the cores saturated the spin gives way to the
 * clients and the plugin whose work it waits for.
 *
 * <p>A poll consumes the selector's wake-up ({@link Selector#selectNow()} clears it), so the spin itself watches for
 * updates submitted to the selector (the re-armed interests, new connections) and returns to let Jetty apply them;
 * only with none pending does it block, and an update submitted after that look wakes the blocking select.
 */
final class SpinThenBlockSelector extends ManagedSelector {

    private final long spinNanos;
    private final IntSupplier requestsInFlight;
    /** Updates submitted and not yet applied: while there are any, a select must not block. */
    private final AtomicInteger pendingUpdates = new AtomicInteger();

    /**
     * @param requestsInFlight the connector's requests taken and not yet answered: the selector spins only while
     *     there is at most one, i.e. while the cores are not busy with the requests of several clients
     */
    SpinThenBlockSelector(SelectorManager manager, int id, long spinNanos, IntSupplier requestsInFlight) {
        super(manager, id);
        this.spinNanos = spinNanos;
        this.requestsInFlight = requestsInFlight;
    }

    @Override
    public void submit(SelectorUpdate update) {
        pendingUpdates.incrementAndGet();
        super.submit(update instanceof Closeable closeable ? new CloseableCounted(update, closeable)
                : new Counted(update));
    }

    @Override
    protected int nioSelect(Selector selector, boolean now) throws IOException {
        if (now) {
            return selector.selectNow();
        }
        long start = System.nanoTime();
        do {
            if (pendingUpdates.get() > 0) {
                return selector.selectNow();
            }
            int selected = selector.selectNow();
            if (selected > 0) {
                return selected;
            }
            Thread.yield(); // a client or the plugin waiting for this core runs first
        } while (System.nanoTime() - start < spinNanos && requestsInFlight.getAsInt() <= 1);
        // counted before it is queued, and woken after: one submitted after this look wakes the select below
        return pendingUpdates.get() > 0 ? selector.selectNow() : selector.select();
    }

    /** Counts itself applied when the selector applies it. */
    private class Counted implements SelectorUpdate {
        private final SelectorUpdate update;

        Counted(SelectorUpdate update) {
            this.update = update;
        }

        @Override
        public void update(Selector selector) {
            pendingUpdates.decrementAndGet();
            update.update(selector);
        }

        @Override
        public String toString() {
            return update.toString();
        }
    }

    /** Jetty closes an update that is Closeable when it can no longer apply it (a stopped or failed selector). */
    private final class CloseableCounted extends Counted implements Closeable {
        private final Closeable closeable;

        CloseableCounted(SelectorUpdate update, Closeable closeable) {
            super(update);
            this.closeable = closeable;
        }

        @Override
        public void close() throws IOException {
            pendingUpdates.decrementAndGet();
            closeable.close();
        }
    }
}
