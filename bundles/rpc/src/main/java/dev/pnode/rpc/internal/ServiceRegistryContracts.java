package dev.pnode.rpc.internal;

import dev.pnode.api.PluginServiceProperties;
import dev.pnode.rpc.methods.Contract;
import dev.pnode.rpc.methods.PluginContracts;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The contract services the host registers, followed by one service tracker: each registration is resolved once into a
 * {@link Contract} (its class loaded through the interface bundle that registered it, so this bundle imports no
 * contract package; its methods as handles). The tracker sees registrations and unregistrations as they happen, so
 * a reload, restart or interface bundle update takes effect on the next call; a call itself only reads a map.
 */
final class ServiceRegistryContracts implements PluginContracts, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServiceRegistryContracts.class.getName());

    private final Tracker tracker;
    /** The best (highest ranked, then oldest) contract per interface key. */
    private final Map<String, Contract> serving = new ConcurrentHashMap<>();

    ServiceRegistryContracts(BundleContext context) {
        this.tracker = new Tracker(context, filter("(" + PluginServiceProperties.INTERFACE + "=*)"));
        tracker.open(true);
    }

    @Override
    public Optional<Contract> find(String interfaceKey) {
        return Optional.ofNullable(serving.get(interfaceKey));
    }

    @Override
    public Map<String, String> running() {
        Map<String, String> running = new TreeMap<>();
        serving.forEach((key, contract) -> running.put(key, contract.version()));
        return running;
    }

    @Override
    public void close() {
        tracker.close();
    }

    private static Filter filter(String text) {
        try {
            return FrameworkUtil.createFilter(text);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("bad service filter " + text, e);
        }
    }

    private final class Tracker extends ServiceTracker<Object, Contract> {

        Tracker(BundleContext context, Filter filter) {
            super(context, filter, null);
        }

        @Override
        public Contract addingService(ServiceReference<Object> reference) {
            Bundle owner = reference.getBundle();
            Object contractName = reference.getProperty(PluginServiceProperties.CONTRACT);
            String key = String.valueOf(reference.getProperty(PluginServiceProperties.INTERFACE));
            if (owner == null || !(contractName instanceof String)) {
                return null;
            }
            Object service = context.getService(reference);
            if (service == null) {
                return null;
            }
            try {
                Contract contract = new Contract(service, owner.loadClass((String) contractName),
                        String.valueOf(reference.getProperty(PluginServiceProperties.VERSION)));
                choose(key, reference, contract);
                return contract;
            } catch (ClassNotFoundException | IllegalStateException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "cannot call the contract " + contractName + " of plugin " + key + ": "
                        + e.getMessage());
                context.ungetService(reference);
                return null;
            }
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Contract contract) {
            rechoose(String.valueOf(reference.getProperty(PluginServiceProperties.INTERFACE)));
        }

        @Override
        public void removedService(ServiceReference<Object> reference, Contract contract) {
            rechoose(String.valueOf(reference.getProperty(PluginServiceProperties.INTERFACE)));
            context.ungetService(reference);
        }

        /** A new registration serves its key if it ranks above the one serving it. */
        private synchronized void choose(String key, ServiceReference<Object> reference, Contract contract) {
            Contract current = serving.get(key);
            ServiceReference<Object> currentReference = current == null ? null : referenceOf(current);
            if (currentReference == null || reference.compareTo(currentReference) > 0) {
                serving.put(key, contract);
            }
        }

        /** After a departure or a property change: the best of what is still tracked for the key. */
        private synchronized void rechoose(String key) {
            ServiceReference<Object> best = null;
            Contract bestContract = null;
            for (Map.Entry<ServiceReference<Object>, Contract> tracked : getTracked().entrySet()) {
                if (key.equals(String.valueOf(tracked.getKey().getProperty(PluginServiceProperties.INTERFACE)))
                        && tracked.getKey().getBundle() != null
                        && (best == null || tracked.getKey().compareTo(best) > 0)) {
                    best = tracked.getKey();
                    bestContract = tracked.getValue();
                }
            }
            if (bestContract == null) {
                serving.remove(key);
            } else {
                serving.put(key, bestContract);
            }
        }

        private ServiceReference<Object> referenceOf(Contract contract) {
            for (Map.Entry<ServiceReference<Object>, Contract> tracked : getTracked().entrySet()) {
                if (tracked.getValue() == contract) {
                    return tracked.getKey();
                }
            }
            return null;
        }
    }
}
