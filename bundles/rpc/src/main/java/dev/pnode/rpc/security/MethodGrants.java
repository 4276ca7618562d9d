package dev.pnode.rpc.security;

import dev.pnode.security.AuthenticatedPrincipal;

/**
 * Which authority a JSON-RPC method needs: {@code <namespace>_<function>}, split at the last underscore (functions
 * have none, plugin interface keys may), so {@code plugin@helloworld_greeting} needs {@code plugin@helloworld} /
 * {@code greeting}, granted e.g. by {@code rpc://plugin@helloworld_*}. A name without that form needs what nobody
 * has (Quorum lets such names through with a warning; here they are refused).
 */
final class MethodGrants {

    private MethodGrants() {
    }

    static boolean granted(AuthenticatedPrincipal principal, String jsonRpcMethod) {
        int separator = jsonRpcMethod.lastIndexOf('_');
        if (separator <= 0 || separator == jsonRpcMethod.length() - 1) {
            return false;
        }
        return principal.grants(jsonRpcMethod.substring(0, separator), jsonRpcMethod.substring(separator + 1));
    }
}
