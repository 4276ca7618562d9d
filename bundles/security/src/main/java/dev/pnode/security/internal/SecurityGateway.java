package dev.pnode.security.internal;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.AuthenticationManagerGrpc;
import com.quorum.plugin.proto.Security.AuthenticationToken;
import com.quorum.plugin.proto.Security.PreAuthenticatedAuthenticationToken;
import com.quorum.plugin.proto.Security.TLSConfiguration;
import com.quorum.plugin.proto.TLSConfigurationSourceGrpc;
import dev.pnode.api.gateway.CallFailures;
import dev.pnode.security.AuthenticatedPrincipal;
import dev.pnode.security.AuthenticationException;
import dev.pnode.security.GrantedAuthority;
import dev.pnode.security.SecurityPlugin;
import dev.pnode.security.SecurityPluginException;
import dev.pnode.security.TlsConfiguration;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link SecurityPlugin} backed by one plugin process: every call is a deadline-bound RPC, nothing is cached. The
 * token goes to the plugin as geth sends it, the whole {@code Authorization} value {@code Bearer <token>}: Quorum's
 * own security plugin refuses a token without its type.
 */
final class SecurityGateway implements SecurityPlugin {

    private static final System.Logger LOG = System.getLogger(SecurityGateway.class.getName());

    private static final String BEARER = "Bearer ";

    private final TLSConfigurationSourceGrpc.TLSConfigurationSourceBlockingStub tls;
    private final AuthenticationManagerGrpc.AuthenticationManagerBlockingStub authentication;
    private final Duration callTimeout;
    private final Clock clock;

    SecurityGateway(Channel channel, Duration callTimeout, Clock clock) {
        this.tls = TLSConfigurationSourceGrpc.newBlockingStub(channel);
        this.authentication = AuthenticationManagerGrpc.newBlockingStub(channel);
        this.callTimeout = callTimeout;
        this.clock = clock;
    }

    @Override
    public Optional<TlsConfiguration> get() {
        TLSConfiguration.Response response;
        try {
            response = tls.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
                    .get(TLSConfiguration.Request.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            throw new SecurityPluginException(CallFailures.describe(SecurityInterface.KEY, "TLSConfigurationSource/Get", e,
                    callTimeout), e);
        }
        if (!response.hasData()) {
            return Optional.empty();
        }
        TLSConfiguration.Data data = response.getData();
        try {
            return Optional.of(new TlsConfiguration(data.getKeyPem().toByteArray(), data.getCertPem().toByteArray(),
                    data.getCipherSuitesList()));
        } catch (IllegalArgumentException e) {
            throw new SecurityPluginException("plugin " + SecurityInterface.KEY + ": TLSConfigurationSource/Get "
                    + "answered an unusable configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public AuthenticatedPrincipal authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationException("missing access token");
        }
        PreAuthenticatedAuthenticationToken answer;
        try {
            answer = authentication.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
                    .authenticate(AuthenticationToken.newBuilder()
                            .setRawToken(ByteString.copyFrom(BEARER + token, StandardCharsets.UTF_8)).build());
        } catch (StatusRuntimeException e) {
            // a plugin may quote the token it refuses; it must not reach responses or logs
            String message = CallFailures.describe(SecurityInterface.KEY, "Authenticate",
                    TokenRefusals.withoutToken(e, token), callTimeout);
            if (TokenRefusals.isRefusal(e)) {
                throw new AuthenticationException("access token refused by the security plugin ("
                        + message + ")");
            }
            throw new SecurityPluginException(message, null);
        }
        if (!answer.hasExpiredAt()) {
            // Quorum refuses such tokens too ("invalid timestamp in token")
            throw new AuthenticationException("the security plugin accepted the access token but gave no expiry");
        }
        Instant expiresAt = Instant.ofEpochSecond(answer.getExpiredAt().getSeconds(), answer.getExpiredAt().getNanos());
        AuthenticatedPrincipal principal = new AuthenticatedPrincipal(expiresAt, authorities(answer));
        if (principal.isExpiredAt(clock.instant())) {
            throw new AuthenticationException("access token expired at " + expiresAt);
        }
        return principal;
    }

    /**
     * Quorum plugins fill in service and method; an authority carrying only its raw scope is read as
     * {@code rpc://<service>_<method>}, and one that is neither is ignored with a warning (it grants nothing).
     */
    private static List<GrantedAuthority> authorities(PreAuthenticatedAuthenticationToken answer) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (com.quorum.plugin.proto.Security.GrantedAuthority granted : answer.getAuthoritiesList()) {
            if (!granted.getService().isEmpty() && !granted.getMethod().isEmpty()) {
                authorities.add(new GrantedAuthority(granted.getService(), granted.getMethod(), granted.getRaw()));
                continue;
            }
            try {
                authorities.add(GrantedAuthority.fromScope(granted.getRaw()));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "security plugin granted an authority the node cannot use: " + e.getMessage());
            }
        }
        return authorities;
    }
}
