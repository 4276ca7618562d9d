package dev.pnode.goplugin;

import io.grpc.netty.shaded.io.netty.channel.SelectStrategy;
import io.grpc.netty.shaded.io.netty.util.IntSupplier;

/**
 * Netty's select strategy for a plugin channel's event loop: after the last I/O or task (what woke it from blocking
 * included) it keeps polling the socket (non-blocking epoll) for a short time before it blocks. A call to a plugin is a
 * request and an answer tens of microseconds apart; a loop that blocked in between must be woken by the kernel for the
 * answer and again, through its eventfd, for the caller's next request, and each wake-up of a sleeping thread costs
 * more than the call on a virtual machine's busy cores. An idle channel blocks once the window has passed, so it costs
 * no CPU. Each empty poll yields the core: when the cores are saturated (several callers on two cores) the spin would
 * otherwise take CPU from the callers whose requests it waits for. While a host holds the polling back
 * ({@link PollingHolds}: a reload runs) it does not poll at all: its yield would not give the core to
 * the serving plugin's process, whose calls then wait behind it. Before it blocks it sends what
 * {@link PingAckDeferral} held back for a next write (with a window of 0 it blocks whenever it has no tasks, as
 * netty's default strategy does).
 *
 * <p>One instance per event loop: only its thread calls {@link #calculateStrategy}.
 */
final class SpinThenBlockStrategy implements SelectStrategy {

    private final long spinNanos;
    private long lastBusy = System.nanoTime();
    /**
     * Whether the last answer was to block: the loop has since woken (a plugin's answer, a caller's request through
     * netty's eventfd, a timer) and handled what woke it, outside this strategy's sight.
     */
    private boolean blocked;

    SpinThenBlockStrategy(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if ((spinNanos == 0 || PollingHolds.any()) && !hasTasks) {
            return block();
        }
        int ready = selectNow.get();
        long now = System.nanoTime();
        if (ready > 0 || hasTasks || blocked) {
            // what woke a blocked loop is work like any other: the window opens from here, or the loop would block at
            // once again, and a caller's next request would have to wake it through the eventfd
            lastBusy = now;
            blocked = false;
        }
        if (ready > 0 || hasTasks) {
            return ready;
        }
        if (now - lastBusy >= spinNanos) {
            return block();
        }
        Thread.yield(); // a caller or another plugin's loop waiting for this core runs first
        return SelectStrategy.CONTINUE;
    }

    private int block() {
        blocked = true;
        PingAckDeferral.flushHeldOnThisThread();
        return SelectStrategy.SELECT;
    }
}
