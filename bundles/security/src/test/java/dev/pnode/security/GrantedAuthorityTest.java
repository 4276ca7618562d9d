package dev.pnode.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** Quorum's scopes and its access rule, as a token's holder experiences them. */
public class GrantedAuthorityTest {

    @Test
    public void readsAScopeForOneMethod() {
        assertEquals(new GrantedAuthority("rpc", "modules", "rpc://rpc_modules"),
                GrantedAuthority.fromScope("rpc://rpc_modules"));
    }

    @Test
    public void readsAPluginNamespaceWithUnderscoresInItsKey() {
        GrantedAuthority authority = GrantedAuthority.fromScope("rpc://plugin@hello_world_greeting");
        assertEquals("plugin@hello_world", authority.service());
        assertEquals("greeting", authority.method());
    }

    @Test
    public void aWildcardMethodGrantsTheWholeNamespaceOnly() {
        GrantedAuthority authority = GrantedAuthority.fromScope("rpc://plugin@helloworld_*");
        assertTrue(authority.grants("plugin@helloworld", "greeting"));
        assertFalse(authority.grants("admin", "nodeInfo"));
        assertFalse(authority.grants("plugin@helloworld2", "greeting"));
    }

    @Test
    public void aWildcardServiceGrantsTheMethodInEveryNamespace() {
        GrantedAuthority authority = GrantedAuthority.fromScope("rpc://*_nodeInfo");
        assertTrue(authority.grants("admin", "nodeInfo"));
        assertFalse(authority.grants("admin", "reloadPlugin"));
    }

    @Test
    public void anExactScopeGrantsNothingElse() {
        GrantedAuthority authority = GrantedAuthority.fromScope("rpc://admin_nodeInfo");
        assertTrue(authority.grants("admin", "nodeInfo"));
        assertFalse(authority.grants("admin", "nodeinfo"));
        assertFalse(authority.grants("admin", "nodeInfoX"));
    }

    @Test
    public void refusesScopesThatAreNotRpcMethods() {
        for (String scope : List.of("", "rpc://", "rpc://admin", "rpc://_nodeInfo", "rpc://admin_", "admin_nodeInfo",
                "http://admin_nodeInfo")) {
            IllegalArgumentException refusal = assertThrows(scope, IllegalArgumentException.class,
                    () -> GrantedAuthority.fromScope(scope));
            assertTrue(refusal.getMessage(), refusal.getMessage().contains("\"" + scope + "\"")
                    && refusal.getMessage().contains("rpc://<namespace>_<method>"));
        }
    }

    @Test
    public void aPrincipalIsExpiredFromItsExpiryOn() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        AuthenticatedPrincipal principal = new AuthenticatedPrincipal(expiry, List.of());
        assertFalse(principal.isExpiredAt(expiry.minusMillis(1)));
        assertTrue(principal.isExpiredAt(expiry));
    }

    @Test
    public void aPrincipalWithoutAuthoritiesMayCallNothing() {
        assertFalse(new AuthenticatedPrincipal(Instant.MAX, List.of()).grants("rpc", "modules"));
    }

    @Test
    public void tlsConfigurationsCompareByContentAndNeverShowTheKey() {
        TlsConfiguration one = new TlsConfiguration("KEY".getBytes(), "CERT".getBytes(), List.of(49200));
        assertEquals(one, new TlsConfiguration("KEY".getBytes(), "CERT".getBytes(), List.of(49200)));
        assertFalse(one.toString().contains("KEY"));
        assertThrows(IllegalArgumentException.class, () -> new TlsConfiguration(new byte[0], "C".getBytes(), List.of()));
    }
}
