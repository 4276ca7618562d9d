package dev.pnode.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The service a running security plugin offers: both of Quorum's security services over the same plugin process
 * (the host registers one contract per plugin interface). Registered with {@code pnode.plugin.interface=security}.
 */
@ProviderType
public interface SecurityPlugin extends TlsConfigurationSource, AuthenticationManager {

    /** The interface key a security plugin is configured under in the plugin settings ({@code providers}). */
    String INTERFACE_KEY = "security";
}
