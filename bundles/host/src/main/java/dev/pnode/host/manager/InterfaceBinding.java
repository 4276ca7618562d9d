package dev.pnode.host.manager;

import dev.pnode.api.PluginInterface;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A registered plugin interface and the bundle that registered it: contract services are registered with that
 * bundle's context, so consumers wired to the interface bundle see the same contract class.
 *
 * @param key the interface's settings key, lower case like the settings' keys
 */
record InterfaceBinding(PluginInterface service, ServiceReference<PluginInterface> reference, String key) {

    /** @return the interface bundle's context, or null while that bundle is not active */
    BundleContext bundleContext() {
        return reference.getBundle() == null ? null : reference.getBundle().getBundleContext();
    }

    String bundleName() {
        return reference.getBundle() == null ? "(uninstalled bundle)" : reference.getBundle().getSymbolicName();
    }
}
