package dev.pnode.rpc.security;

import dev.pnode.security.AuthenticatedPrincipal;
import dev.pnode.security.AuthenticationException;
import dev.pnode.security.GrantedAuthority;
import dev.pnode.security.SecurityPlugin;
import dev.pnode.security.SecurityPluginException;
import dev.pnode.security.TlsConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A security plugin with a fixed set of tokens, standing in for the gRPC gateway; can be made to fail. */
public final class FakeSecurityPlugin implements SecurityPlugin {

    private final Map<String, AuthenticatedPrincipal> tokens = new ConcurrentHashMap<>();
    private volatile Optional<TlsConfiguration> tls;
    private volatile boolean crashed;

    public FakeSecurityPlugin(Optional<TlsConfiguration> tls) {
        this.tls = tls;
    }

    public FakeSecurityPlugin token(String token, Instant expiresAt, String... scopes) {
        tokens.put(token, new AuthenticatedPrincipal(expiresAt,
                List.of(scopes).stream().map(GrantedAuthority::fromScope).toList()));
        return this;
    }

    public void crash() {
        crashed = true;
    }

    public void recover() {
        crashed = false;
    }

    public void serve(Optional<TlsConfiguration> newTls) {
        tls = newTls;
    }

    @Override
    public Optional<TlsConfiguration> get() {
        failIfCrashed();
        return tls;
    }

    @Override
    public AuthenticatedPrincipal authenticate(String token) {
        failIfCrashed();
        AuthenticatedPrincipal principal = tokens.get(token);
        if (principal == null) {
            throw new AuthenticationException("access token refused by the security plugin (unknown token)");
        }
        return principal;
    }

    private void failIfCrashed() {
        if (crashed) {
            throw new SecurityPluginException("plugin security: Authenticate failed: UNAVAILABLE: io exception", null);
        }
    }
}
