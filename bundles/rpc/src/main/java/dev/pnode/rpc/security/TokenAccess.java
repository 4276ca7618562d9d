package dev.pnode.rpc.security;

import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.security.AuthenticatedPrincipal;
import dev.pnode.security.AuthenticationException;
import dev.pnode.security.AuthenticationManager;
import dev.pnode.security.SecurityPluginException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * HTTP access while a security plugin is configured: every request carries {@code Authorization: Bearer <token>},
 * which the plugin authenticates afresh (nothing is cached, as in Quorum); the principal's authorities then decide
 * method by method. Fails closed: when the plugin is configured but cannot answer, every request is refused (503).
 * When no security plugin is configured, everyone may call everything, as before.
 */
public final class TokenAccess implements HttpAccess {

    private static final System.Logger LOG = System.getLogger(TokenAccess.class.getName());
    private static final String BEARER = "bearer ";

    private final Supplier<Optional<AuthenticationManager>> manager;
    private final BooleanSupplier required;
    private final Supplier<Optional<String>> outage;
    private final Clock clock;

    /**
     * @param manager the security plugin while it serves
     * @param required whether a security plugin is configured (then requests are refused while it does not serve)
     * @param outage why the endpoint cannot be used securely right now (e.g. unusable TLS material), if it cannot
     */
    public TokenAccess(Supplier<Optional<AuthenticationManager>> manager, BooleanSupplier required,
            Supplier<Optional<String>> outage, Clock clock) {
        this.manager = manager;
        this.required = required;
        this.outage = outage;
        this.clock = clock;
    }

    /** Only while a security plugin is configured: then {@link #admit} asks it. */
    @Override
    public boolean mayBlock() {
        return required.getAsBoolean();
    }

    @Override
    public Admission admit(Optional<String> authorization) {
        if (!required.getAsBoolean()) {
            return Admission.EVERYTHING;
        }
        Optional<String> unusable = outage.get();
        if (unusable.isPresent()) {
            return unavailable(unusable.get());
        }
        Optional<AuthenticationManager> plugin = manager.get();
        if (plugin.isEmpty()) {
            return unavailable("the security plugin is not serving");
        }
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return unauthorized("missing access token: send the header Authorization: Bearer <token>");
        }
        String header = authorization.get().strip();
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER) || header.substring(BEARER.length()).isBlank()) {
            return unauthorized("the Authorization header must be \"Bearer <token>\"");
        }
        String token = header.substring(BEARER.length()).strip();
        AuthenticatedPrincipal principal;
        try {
            principal = plugin.get().authenticate(token);
        } catch (AuthenticationException e) {
            return unauthorized(withoutToken(e.getMessage(), token));
        } catch (SecurityPluginException e) {
            LOG.log(Level.WARNING, "HTTP JSON-RPC request refused: " + withoutToken(e.getMessage(), token));
            return unavailable(withoutToken(e.getMessage(), token));
        } catch (RuntimeException e) {
            // a gateway bug must not open the endpoint; its message may hold anything, so it is not repeated
            LOG.log(Level.ERROR, "HTTP JSON-RPC request refused: the security plugin's gateway failed with "
                    + e.getClass().getName());
            return unavailable("the security plugin failed");
        }
        if (principal.isExpiredAt(clock.instant())) {
            return unauthorized("access token expired at " + principal.expiresAt());
        }
        return new Granted(principal);
    }

    private static Admission unauthorized(String message) {
        return Admission.refused(new Refusal(401, message));
    }

    private static Admission unavailable(String reason) {
        return Admission.refused(new Refusal(503, "HTTP JSON-RPC is refused until the security plugin serves: "
                + reason));
    }

    private static String withoutToken(String message, String token) {
        return message == null ? "" : message.replace(token, "<token>");
    }

    /** An authenticated request: each method must be granted by one of the principal's authorities. */
    private record Granted(AuthenticatedPrincipal principal) implements Admission {

        @Override
        public Optional<Refusal> refusal() {
            return Optional.empty();
        }

        @Override
        public boolean mayCall(String method) {
            return MethodGrants.granted(principal, method);
        }
    }
}
