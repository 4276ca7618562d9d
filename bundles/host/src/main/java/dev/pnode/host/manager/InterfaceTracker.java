package dev.pnode.host.manager;

import dev.pnode.api.PluginInterface;
import java.util.Locale;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Follows the {@link PluginInterface} whiteboard and hands arrivals and departures to the supervisor thread, so
 * the registering bundle's thread is never blocked by a plugin start.
 */
final class InterfaceTracker extends ServiceTracker<PluginInterface, InterfaceBinding> {

    private static final System.Logger LOG = System.getLogger(InterfaceTracker.class.getName());

    private final Consumer<InterfaceBinding> added;
    private final Consumer<InterfaceBinding> removed;

    /** @param added and {@code removed} are called on the tracking thread and must only enqueue work */
    InterfaceTracker(BundleContext context, Consumer<InterfaceBinding> added, Consumer<InterfaceBinding> removed) {
        super(context, PluginInterface.class, null);
        this.added = added;
        this.removed = removed;
    }

    @Override
    public InterfaceBinding addingService(ServiceReference<PluginInterface> reference) {
        PluginInterface service = context.getService(reference);
        if (service == null) {
            return null;
        }
        InterfaceBinding binding;
        try {
            binding = new InterfaceBinding(service, reference, service.key().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "plugin interface from bundle " + reference.getBundle()
                    + " is unusable: " + e);
            context.ungetService(reference);
            return null;
        }
        added.accept(binding);
        return binding;
    }

    @Override
    public void removedService(ServiceReference<PluginInterface> reference, InterfaceBinding binding) {
        removed.accept(binding);
        context.ungetService(reference);
    }
}
