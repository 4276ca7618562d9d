package dev.pnode.rpc.methods;

import java.util.Map;
import java.util.Optional;

/** The contract services of running plugins, as they are at the moment of the call (they come and go). */
public interface PluginContracts {

    /** The contract serving an interface key now, if one does. */
    Optional<Contract> find(String interfaceKey);

    /** Interface key to plugin version, for every contract service registered now. */
    Map<String, String> running();
}
