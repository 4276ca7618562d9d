package dev.pnode.security;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Quorum's {@code proto.TLSConfigurationSource}: where the node's HTTP endpoint gets its TLS key and certificate. */
@ProviderType
public interface TlsConfigurationSource {

    /**
     * Asks the plugin for its TLS configuration, afresh on every call.
     *
     * @return empty when the plugin serves no TLS configuration (Quorum then serves plain HTTP)
     * @throws SecurityPluginException when the plugin cannot be reached, fails or answers nonsense
     */
    Optional<TlsConfiguration> get();
}
