package dev.pnode.api.observation;

import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The registered observers of one kind, as seen by the bundle that tells them: {@code Observers.of(PluginObserver
 * .class, MyClass.class)} in a static field, then {@link #tell}. The services are tracked with the bundle's current
 * context, opened again when the bundle was stopped and started (a static field outlives that). Outside a framework
 * (unit tests) there are none.
 *
 * @param <T> the observer interface
 */
public final class Observers<T> {

    private static final System.Logger LOG = System.getLogger(Observers.class.getName());

    private final Class<T> type;
    /**
     * The caller's bundle (null outside a framework), found once: a class's bundle never changes (an updated bundle
     * loads new classes), and {@link FrameworkUtil#getBundle} per call took a privileged class loader lookup on every
     * JSON-RPC request.
     */
    private final Bundle bundle;
    private volatile Tracking<T> tracking;

    private record Tracking<T>(BundleContext context, ServiceTracker<T, T> tracker) {
    }

    /** The tracker's services as of one tracking count: told on every call, they change only when services do. */
    private record Snapshot(ServiceTracker<?, ?> tracker, int trackingCount, Object[] services) {
    }

    private volatile Snapshot snapshot;

    private Observers(Class<T> type, Class<?> caller) {
        this.type = type;
        this.bundle = FrameworkUtil.getBundle(caller);
    }

    /** The {@code type} services, found with the context of the bundle that loaded {@code caller}. */
    public static <T> Observers<T> of(Class<T> type, Class<?> caller) {
        return new Observers<>(type, caller);
    }

    /**
     * Calls each observer; one that throws (or fails to link, e.g. a library it needs is missing) is logged and
     * stops neither the others nor the caller.
     */
    public void tell(Consumer<T> event) {
        ServiceTracker<T, T> tracker = tracker();
        Object[] observers = tracker == null ? null : services(tracker);
        if (observers == null) {
            return;
        }
        for (Object observer : observers) {
            try {
                @SuppressWarnings("unchecked")
                T typed = (T) observer;
                event.accept(typed);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "observer " + observer.getClass().getName() + " failed", e);
            }
        }
    }

    /** {@link ServiceTracker#getServices()} (an array and a lookup per service) only when the services changed. */
    private Object[] services(ServiceTracker<T, T> tracker) {
        int count = tracker.getTrackingCount();
        Snapshot current = snapshot;
        if (current == null || current.tracker() != tracker || current.trackingCount() != count) {
            current = new Snapshot(tracker, count, tracker.getServices());
            snapshot = current;
        }
        return current.services();
    }

    private ServiceTracker<T, T> tracker() {
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return null; // not in a framework, or the bundle is not running
        }
        Tracking<T> current = tracking;
        if (current == null || current.context() != context) {
            synchronized (this) {
                current = tracking;
                if (current == null || current.context() != context) {
                    ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
                    tracker.open();
                    current = new Tracking<>(context, tracker);
                    tracking = current;
                }
            }
        }
        return current.tracker();
    }
}
