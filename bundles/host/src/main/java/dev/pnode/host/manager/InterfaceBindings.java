package dev.pnode.host.manager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The plugin interfaces bundles have registered, one per key (the first bundle to register a key provides it), and
 * whether the time for missing interfaces to turn up has passed. Used on the host's supervisor thread only.
 */
final class InterfaceBindings {

    private static final System.Logger LOG = System.getLogger(InterfaceBindings.class.getName());

    private final Map<String, InterfaceBinding> byKey = new LinkedHashMap<>();
    private boolean deadlinePassed;

    /** @return whether {@code binding} now provides its key (false: another bundle does already, which is logged) */
    boolean add(InterfaceBinding binding) {
        InterfaceBinding existing = byKey.putIfAbsent(binding.key(), binding);
        if (existing != null) {
            LOG.log(System.Logger.Level.WARNING, "plugin interface ''{0}'' from {1} ignored: {2} already provides it",
                    binding.key(), binding.bundleName(), existing.bundleName());
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "plugin interface ''{0}'' available from {1}", binding.key(),
                binding.bundleName());
        return true;
    }

    /** @return whether {@code binding} provided its key until now */
    boolean remove(InterfaceBinding binding) {
        return byKey.remove(binding.key(), binding);
    }

    Optional<InterfaceBinding> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** @return whether this call ended the wait for interfaces (later calls return false) */
    boolean endWait() {
        boolean first = !deadlinePassed;
        deadlinePassed = true;
        return first;
    }

    boolean waitEnded() {
        return deadlinePassed;
    }

    String missingMessage(String key) {
        return "no bundle provides plugin interface '" + key + "' (installed interfaces: "
                + (byKey.isEmpty() ? "none" : String.join(", ", new TreeMap<>(byKey).keySet())) + ")";
    }
}
