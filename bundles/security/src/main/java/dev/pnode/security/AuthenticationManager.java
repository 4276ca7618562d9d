package dev.pnode.security;

import org.osgi.annotation.versioning.ProviderType;

/** Quorum's {@code proto.AuthenticationManager}: turns a bearer token into a principal with granted authorities. */
@ProviderType
public interface AuthenticationManager {

    /**
     * Asks the plugin to authenticate a token: the bare token, without {@code Bearer}; the plugin receives it as
     * Quorum sends it, {@code Bearer <token>} (the whole {@code Authorization} header value).
     *
     * @return the principal; its expiry lies in the future at the time of the answer
     * @throws AuthenticationException when the plugin refuses the token, or the token has expired
     * @throws SecurityPluginException when the plugin cannot be reached or fails: treat as "not authenticated"
     */
    AuthenticatedPrincipal authenticate(String token);
}
