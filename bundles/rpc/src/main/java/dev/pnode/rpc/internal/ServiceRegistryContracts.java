package dev.pnode.rpc.internal;

import dev.pnode.api.PluginServiceProperties;
import dev.pnode.rpc.methods.PluginContracts;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Contract services straight from the OSGi service registry on every call: the host registers and unregisters
 * them as plugins start, reload and die. The contract class is loaded through the bundle that registered the
 * service (the interface bundle), so this bundle needs no import of any contract package.
 */
final class ServiceRegistryContracts implements PluginContracts {

    private static final System.Logger LOG = System.getLogger(ServiceRegistryContracts.class.getName());

    private final BundleContext context;

    ServiceRegistryContracts(BundleContext context) {
        this.context = context;
    }

    @Override
    public Optional<ContractService> acquire(String interfaceKey) {
        // the key was checked to be a plain name (PluginMethodName), so it is safe inside a filter
        Optional<ServiceReference<?>> best = references("(" + PluginServiceProperties.INTERFACE + "=" + interfaceKey
                + ")").max(Comparator.naturalOrder());
        if (best.isEmpty()) {
            return Optional.empty();
        }
        ServiceReference<?> reference = best.get();
        Bundle owner = reference.getBundle();
        Object contractName = reference.getProperty(PluginServiceProperties.CONTRACT);
        if (owner == null || !(contractName instanceof String)) {
            return Optional.empty();
        }
        Class<?> contract;
        try {
            contract = owner.loadClass((String) contractName);
        } catch (ClassNotFoundException | IllegalStateException e) {
            LOG.log(Level.WARNING, "cannot load the contract " + contractName + " of plugin " + interfaceKey + ": "
                    + e.getMessage());
            return Optional.empty();
        }
        Object service = context.getService(reference);
        if (service == null) {
            return Optional.empty();
        }
        return Optional.of(new HeldService(context, reference, service, contract));
    }

    @Override
    public Map<String, String> running() {
        Map<String, String> running = new TreeMap<>();
        references("(" + PluginServiceProperties.INTERFACE + "=*)").forEach(reference -> running.put(
                String.valueOf(reference.getProperty(PluginServiceProperties.INTERFACE)),
                String.valueOf(reference.getProperty(PluginServiceProperties.VERSION))));
        return running;
    }

    private Stream<ServiceReference<?>> references(String filter) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(null, filter);
            return found == null ? Stream.empty() : Arrays.stream(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("bad service filter " + filter, e);
        }
    }

    private record HeldService(BundleContext context, ServiceReference<?> reference, Object service,
            Class<?> contract) implements ContractService {
        @Override
        public void close() {
            context.ungetService(reference);
        }
    }
}
