package dev.pnode.goplugin;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Connects a fresh plugin channel before its first call. A call on a channel that has not yet resolved its address
 * and picked its connection takes grpc's pending-call path ({@code DelayedClientCall}), whose runnables then run on
 * the blocking stub's executor: classes that the calls on the node's other channels never run there. On a reload
 * these first calls are the host's health check and {@code Init} while callers run on the old channel, and C2's code
 * for that executor, compiled on the callers' calls, was thrown away under them at each node JVM's first reload
 * (BENCHMARKS.md, "Reload: the new channel's first calls", session 17). Once the channel is {@code READY}, the first
 * call takes the callers' path.
 */
final class ChannelReadiness {

    private ChannelReadiness() {
    }

    /**
     * Asks the channel to connect and waits until it is {@code READY}, at most {@code limit}.
     *
     * @return whether it is; false also when it failed to connect (the first call then fails with the reason)
     */
    static boolean awaitReady(ManagedChannel channel, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN) {
                return false;
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            if (!changed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            state = channel.getState(false);
        }
        return true;
    }
}
