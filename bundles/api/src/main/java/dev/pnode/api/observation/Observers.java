package dev.pnode.api.observation;

import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The registered observers of one kind, as seen by the bundle that tells them: {@code Observers.of(PluginObserver
 * .class, MyClass.class)} in a static field, then {@link #tell}. Outside a framework (unit tests) there are none.
 *
 * @param <T> the observer interface
 */
public final class Observers<T> {

    private static final System.Logger LOG = System.getLogger(Observers.class.getName());

    private final ServiceTracker<T, T> tracker;

    private Observers(ServiceTracker<T, T> tracker) {
        this.tracker = tracker;
    }

    /** Tracks {@code type} services from the bundle of {@code caller}, for as long as that bundle runs. */
    public static <T> Observers<T> of(Class<T> type, Class<?> caller) {
        Bundle bundle = FrameworkUtil.getBundle(caller);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return new Observers<>(null);
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return new Observers<>(tracker);
    }

    /**
     * Calls each observer; one that throws (or fails to link, e.g. a library it needs is missing) is logged and
     * stops neither the others nor the caller.
     */
    public void tell(Consumer<T> event) {
        if (tracker == null) {
            return;
        }
        Object[] observers = tracker.getServices();
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
}
