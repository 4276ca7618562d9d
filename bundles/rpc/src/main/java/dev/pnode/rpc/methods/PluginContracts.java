package dev.pnode.rpc.methods;

import java.util.Map;
import java.util.Optional;

/** The contract services of running plugins, as they are at the moment of the call (they come and go). */
public interface PluginContracts {

    /** The running contract service for an interface key; close it when the call is done. */
    Optional<ContractService> acquire(String interfaceKey);

    /** Interface key to plugin version, for every contract service registered now. */
    Map<String, String> running();

    /** A contract service held for one call. */
    interface ContractService extends AutoCloseable {

        /** The gateway object, an instance of {@link #contract()}. */
        Object service();

        /** The contract type, loaded from the interface bundle's class space. */
        Class<?> contract();

        /** Releases the service. */
        @Override
        void close();
    }
}
