package dev.pnode.rpc.transport;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Counts the requests its handler has taken and not yet completed (for {@link SpinThenBlockSelector}). */
final class RequestsInFlight extends Handler.Wrapper {

    private final AtomicInteger count = new AtomicInteger();

    RequestsInFlight(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        count.incrementAndGet();
        boolean handled = false;
        try {
            handled = super.handle(request, response, Callback.from(callback, count::decrementAndGet));
            return handled;
        } finally {
            if (!handled) {
                count.decrementAndGet();
            }
        }
    }

    int count() {
        return count.get();
    }
}
