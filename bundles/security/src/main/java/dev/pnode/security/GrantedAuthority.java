package dev.pnode.security;

import java.util.Objects;

/**
 * One permission from a token, Quorum's {@code GrantedAuthority}: the JSON-RPC namespace ({@code service}, e.g.
 * {@code admin} or {@code plugin@helloworld}) and function ({@code method}, e.g. {@code nodeInfo}) it grants, either
 * of them {@code *} for any. {@code raw} is the authority as the token carried it, e.g. {@code rpc://admin_*}.
 */
public record GrantedAuthority(String service, String method, String raw) {

    /** Quorum's scope prefix for JSON-RPC permissions. */
    public static final String RPC_SCOPE_PREFIX = "rpc://";

    /** Grants any namespace or any function when used as {@link #service()} or {@link #method()}. */
    public static final String ANY = "*";

    public GrantedAuthority {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Reads a Quorum scope {@code rpc://<service>_<method>}, e.g. {@code rpc://eth_*}, {@code rpc://rpc_modules},
     * {@code rpc://plugin@helloworld_greeting}. The namespace is everything up to the last underscore, because
     * method names have none while plugin interface keys may.
     *
     * @throws IllegalArgumentException naming the scope and the expected form
     */
    public static GrantedAuthority fromScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        int separator = scope.lastIndexOf('_');
        if (!scope.startsWith(RPC_SCOPE_PREFIX) || separator <= RPC_SCOPE_PREFIX.length()
                || separator == scope.length() - 1) {
            throw new IllegalArgumentException("authority \"" + scope + "\" is not of the form "
                    + RPC_SCOPE_PREFIX + "<namespace>_<method> (either may be *), e.g. rpc://admin_* or "
                    + "rpc://plugin@helloworld_greeting");
        }
        return new GrantedAuthority(scope.substring(RPC_SCOPE_PREFIX.length(), separator),
                scope.substring(separator + 1), scope);
    }

    /** Quorum's rule ({@code rpc/security.go verifyAccess}): each part matches exactly, or is {@code *}. */
    public boolean grants(String requestedService, String requestedMethod) {
        return (service.equals(ANY) || service.equals(requestedService))
                && (method.equals(ANY) || method.equals(requestedMethod));
    }
}
