package dev.pnode.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who a token stands for, as far as the node cares: what it may call and until when. Quorum's
 * {@code PreAuthenticatedAuthenticationToken} without the raw token, which the node has no business keeping.
 */
public record AuthenticatedPrincipal(Instant expiresAt, List<GrantedAuthority> authorities) {

    public AuthenticatedPrincipal {
        Objects.requireNonNull(expiresAt, "expiresAt");
        authorities = List.copyOf(authorities);
    }

    /** Expired at {@code now} when {@code now} is not before the expiry (Quorum's check). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether any authority grants the JSON-RPC method {@code <service>_<method>}, e.g. {@code admin}, {@code nodeInfo}. */
    public boolean grants(String service, String method) {
        return authorities.stream().anyMatch(authority -> authority.grants(service, method));
    }
}
