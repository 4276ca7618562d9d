package dev.pnode.host.manager;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The host's registration as {@link PluginRegistry} and {@link PluginAdmin}, whose {@code pnode.readiness}
 * properties tell the launcher when startup is over. Readiness is published while starting; once it is ready or
 * failed the launcher has its answer and it stays. Used on the supervisor thread only.
 */
final class ReadinessRegistration {

    private static final System.Logger LOG = System.getLogger(ReadinessRegistration.class.getName());

    private final ServiceRegistration<?> registration;
    private Readiness readiness;

    private ReadinessRegistration(ServiceRegistration<?> registration, Readiness readiness) {
        this.registration = registration;
        this.readiness = readiness;
    }

    static ReadinessRegistration register(BundleContext context, Object registryAndAdmin) {
        Readiness initial = Readiness.starting("reading plugin settings");
        return new ReadinessRegistration(context.registerService(new String[] {PluginRegistry.class.getName(),
                PluginAdmin.class.getName()}, registryAndAdmin, initial.serviceProperties()), initial);
    }

    void publish(Readiness next) {
        if (readiness.isFinal() || next.equals(readiness)) {
            return;
        }
        readiness = next;
        try {
            registration.setProperties(next.serviceProperties());
        } catch (IllegalStateException unregistered) {
            return;
        }
        if (next.isFinal()) {
            LOG.log(next.state().equals(Readiness.READY) ? System.Logger.Level.INFO : System.Logger.Level.ERROR,
                    "plugin host {0}: {1}", next.state(), next.message());
        }
    }

    void unregister() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is tearing the bundle down
        }
    }
}
