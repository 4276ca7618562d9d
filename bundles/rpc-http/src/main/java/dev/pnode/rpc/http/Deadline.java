package dev.pnode.rpc.http;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;
import java.time.Duration;

/**
 * Closes a connection when one step of a request (reading its body, writing its response) is not done in time.
 * Armed only when the step did not complete at once, so the usual small request pays no timer.
 */
final class Deadline {

    private final EndPoint connection;
    private boolean done;
    private Scheduler.Task task;

    Deadline(EndPoint connection) {
        this.connection = connection;
    }

    /** After starting the step: starts the clock unless the step is already done. */
    synchronized void armUnlessDone(Scheduler scheduler, Duration timeout) {
        if (!done) {
            task = scheduler.schedule(connection::close, timeout);
        }
    }

    /** The step ended (either way): the clock stops. */
    synchronized void done() {
        done = true;
        if (task != null) {
            task.cancel();
        }
    }
}
