package dev.pnode.rpc.transport;

import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/** Jetty's connector with {@link SpinThenBlockSelector}s (none when the spin is 0). */
final class SpinningConnector extends ServerConnector {

    private final long spinNanos;
    private final IntSupplier requestsInFlight;

    SpinningConnector(Server server, long spinNanos, IntSupplier requestsInFlight, ConnectionFactory... factories) {
        super(server, factories);
        this.spinNanos = spinNanos;
        this.requestsInFlight = requestsInFlight;
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        // called by the super constructor; the selectors themselves are made at start, when spinNanos is set
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected ManagedSelector newSelector(int id) {
                return spinNanos > 0 ? new SpinThenBlockSelector(this, id, spinNanos, requestsInFlight) : super.newSelector(id);
            }
        };
    }
}
