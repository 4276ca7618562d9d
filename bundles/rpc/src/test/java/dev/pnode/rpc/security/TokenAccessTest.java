package dev.pnode.rpc.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pnode.rpc.transport.HttpAccess.Admission;
import dev.pnode.rpc.transport.HttpAccess.Refusal;
import dev.pnode.security.AuthenticatedPrincipal;
import dev.pnode.security.AuthenticationManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/** Who gets in, and what they may call, while a security plugin is (or should be) there. */
public class TokenAccessTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final FakeSecurityPlugin plugin = new FakeSecurityPlugin(Optional.empty())
            .token("hello", NOW.plusSeconds(3600), "rpc://plugin@helloworld_*", "rpc://rpc_modules")
            .token("old", NOW.minusSeconds(1), "rpc://*_*");
    private final AtomicReference<AuthenticationManager> serving = new AtomicReference<>(plugin);
    private final AtomicBoolean configured = new AtomicBoolean(true);
    private final AtomicReference<String> outage = new AtomicReference<>();
    private final TokenAccess access = new TokenAccess(() -> Optional.ofNullable(serving.get()), configured::get,
            () -> Optional.ofNullable(outage.get()), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    public void withoutASecurityPluginEverythingIsOpen() {
        serving.set(null);
        configured.set(false);
        Admission admission = access.admit(Optional.empty());
        assertEquals(Optional.empty(), admission.refusal());
        assertTrue(admission.mayCall("admin_reloadPlugin"));
    }

    @Test
    public void aGoodTokenMayCallWhatItsScopesGrant() {
        Admission admission = access.admit(Optional.of("Bearer hello"));
        assertEquals(Optional.empty(), admission.refusal());
        assertTrue(admission.mayCall("plugin@helloworld_greeting"));
        assertTrue(admission.mayCall("rpc_modules"));
        assertFalse(admission.mayCall("admin_nodeInfo"));
        assertFalse(admission.mayCall("plugin@kvstore_get"));
        assertFalse(admission.mayCall("nonamespace"));
    }

    @Test
    public void theSchemeIsCaseInsensitiveAsHttpSays() {
        assertEquals(Optional.empty(), access.admit(Optional.of("bearer  hello ")).refusal());
    }

    @Test
    public void noTokenIsUnauthorized() {
        assertRefused(access.admit(Optional.empty()), 401, "missing access token");
        assertRefused(access.admit(Optional.of("  ")), 401, "missing access token");
    }

    @Test
    public void anotherSchemeIsUnauthorized() {
        assertRefused(access.admit(Optional.of("Basic aGVsbG86")), 401, "must be \"Bearer <token>\"");
        assertRefused(access.admit(Optional.of("hello")), 401, "must be \"Bearer <token>\"");
        assertRefused(access.admit(Optional.of("Bearer ")), 401, "must be \"Bearer <token>\"");
    }

    @Test
    public void anUnknownTokenIsUnauthorized() {
        assertRefused(access.admit(Optional.of("Bearer forged")), 401, "refused by the security plugin");
    }

    @Test
    public void anExpiredPrincipalIsUnauthorizedEvenIfThePluginAcceptsIt() {
        assertRefused(access.admit(Optional.of("Bearer old")), 401, "expired at 2026-11-25T11:59:59Z");
    }

    @Test
    public void aCrashedPluginRefusesEveryRequestInsteadOfOpening() {
        plugin.crash();
        assertRefused(access.admit(Optional.of("Bearer hello")), 503, "UNAVAILABLE");
    }

    @Test
    public void aConfiguredPluginThatIsAwayRefusesEveryRequest() {
        serving.set(null);
        assertRefused(access.admit(Optional.of("Bearer hello")), 503, "the security plugin is not serving");
    }

    @Test
    public void unusableTlsRefusesEveryRequest() {
        outage.set("its TLS configuration cannot be used: bad key");
        assertRefused(access.admit(Optional.of("Bearer hello")), 503, "bad key");
    }

    @Test
    public void aRefusalNeverRepeatsTheToken() {
        AuthenticationManager echoing = token -> {
            throw new dev.pnode.security.AuthenticationException("no such token: " + token);
        };
        serving.set(echoing);
        Refusal refusal = access.admit(Optional.of("Bearer sup3r-s3cret")).refusal().orElseThrow();
        assertFalse(refusal.message(), refusal.message().contains("sup3r-s3cret"));
    }

    @Test
    public void aBrokenGatewayRefusesRatherThanOpens() {
        serving.set(token -> {
            throw new IllegalStateException("bug " + token);
        });
        Refusal refusal = access.admit(Optional.of("Bearer sup3r-s3cret")).refusal().orElseThrow();
        assertEquals(503, refusal.status());
        assertFalse(refusal.message(), refusal.message().contains("sup3r-s3cret"));
    }

    @Test
    public void wildcardNamespaceGrantsOneFunctionEverywhere() {
        AuthenticatedPrincipal principal = new AuthenticatedPrincipal(NOW.plusSeconds(5),
                java.util.List.of(dev.pnode.security.GrantedAuthority.fromScope("rpc://*_nodeInfo")));
        assertTrue(MethodGrants.granted(principal, "admin_nodeInfo"));
        assertFalse(MethodGrants.granted(principal, "admin_plugins"));
        assertFalse(MethodGrants.granted(principal, "_nodeInfo"));
        assertFalse(MethodGrants.granted(principal, "admin_"));
    }

    private static void assertRefused(Admission admission, int status, String messagePart) {
        Refusal refusal = admission.refusal().orElseThrow(() -> new AssertionError("admitted"));
        assertEquals(refusal.message(), status, refusal.status());
        assertTrue(refusal.message(), refusal.message().contains(messagePart));
        assertFalse(admission.mayCall("rpc_modules"));
    }
}
