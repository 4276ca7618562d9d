package dev.pnode.examples.security;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.quorum.plugin.proto.AuthenticationManagerGrpc;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import com.quorum.plugin.proto.Security.AuthenticationToken;
import com.quorum.plugin.proto.Security.GrantedAuthority;
import com.quorum.plugin.proto.Security.PreAuthenticatedAuthenticationToken;
import com.quorum.plugin.proto.Security.TLSConfiguration;
import com.quorum.plugin.proto.TLSConfigurationSourceGrpc;
import dev.pnode.api.Handshake;
import dev.pnode.sdk.GoPluginServer;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Quorum security plugin in Java: {@code PluginInitializer/Init} takes the tokens it accepts (see
 * {@link SecurityConfiguration}); {@code TLSConfigurationSource/Get} serves the configured or a self-signed
 * certificate; {@code AuthenticationManager/Authenticate} takes what geth sends, the {@code Authorization} header value
 * {@code Bearer <token>}, and answers with the token's authorities and expiry, {@code UNAUTHENTICATED} for an unknown
 * or expired token, {@code INVALID_ARGUMENT} without the Bearer type (as Quorum's own security plugin does). Tokens are valid for their {@code expiresIn} counted from the Init that configured them.
 */
public final class TokenSecurityPlugin {

    private static final System.Logger LOG = System.getLogger(TokenSecurityPlugin.class.getName());

    private final Clock clock;
    private final ServerCertificate generated;
    private final AtomicReference<State> state = new AtomicReference<>();

    /** What one Init configured. */
    private record State(TokenStore tokens, ServerCertificate certificate) {
    }

    /** @param generated served when the configuration names no TLS files */
    TokenSecurityPlugin(Clock clock, ServerCertificate generated) {
        this.clock = clock;
        this.generated = generated;
    }

    public static void main(String[] args) {
        TokenSecurityPlugin plugin = new TokenSecurityPlugin(Clock.systemUTC(), ServerCertificate.selfSigned());
        GoPluginServer.Builder server = GoPluginServer.builder(Handshake.QUORUM);
        plugin.services().forEach(server::addService);
        server.build().serve();
    }

    /** The plugin's gRPC services, for any server (the go-plugin one in main, an in-process one in tests). */
    public List<BindableService> services() {
        return List.of(new Initializer(), new TlsSource(), new Authenticator());
    }

    private Optional<State> initialized(StreamObserver<?> reply) {
        State current = state.get();
        if (current == null) {
            reply.onError(Status.FAILED_PRECONDITION
                    .withDescription("the plugin is not initialized: call PluginInitializer/Init first")
                    .asRuntimeException());
        }
        return Optional.ofNullable(current);
    }

    /** The token of {@code Bearer <token>} (type case-insensitive), empty for any other form. */
    static Optional<String> bearerToken(String authorization) {
        String[] parts = authorization.strip().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("bearer") ? Optional.of(parts[1]) : Optional.empty();
    }

    private final class Initializer extends PluginInitializerGrpc.PluginInitializerImplBase {
        @Override
        public void init(PluginInitialization.Request request,
                StreamObserver<PluginInitialization.Response> reply) {
            try {
                SecurityConfiguration configuration = SecurityConfiguration.parse(
                        request.getRawConfiguration().toByteArray());
                ServerCertificate certificate = configuration.tlsFiles().map(ServerCertificate::fromFiles)
                        .orElse(generated);
                state.set(new State(new TokenStore(configuration.tokens(), clock.instant()), certificate));
                LOG.log(System.Logger.Level.INFO, "initialized for host " + request.getHostIdentity() + " with "
                        + configuration.tokens().size() + " tokens, "
                        + (configuration.tlsFiles().isPresent() ? "the configured" : "a self-signed") + " certificate");
                reply.onNext(PluginInitialization.Response.getDefaultInstance());
                reply.onCompleted();
            } catch (IllegalArgumentException e) {
                reply.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }
    }

    private final class TlsSource extends TLSConfigurationSourceGrpc.TLSConfigurationSourceImplBase {
        @Override
        public void get(TLSConfiguration.Request request, StreamObserver<TLSConfiguration.Response> reply) {
            initialized(reply).ifPresent(current -> {
                reply.onNext(TLSConfiguration.Response.newBuilder().setData(TLSConfiguration.Data.newBuilder()
                        .setKeyPem(ByteString.copyFrom(current.certificate().keyPem()))
                        .setCertPem(ByteString.copyFrom(current.certificate().certPem()))).build());
                reply.onCompleted();
            });
        }
    }

    private final class Authenticator extends AuthenticationManagerGrpc.AuthenticationManagerImplBase {
        @Override
        public void authenticate(AuthenticationToken request,
                StreamObserver<PreAuthenticatedAuthenticationToken> reply) {
            initialized(reply).ifPresent(current -> {
                Optional<String> bearer = bearerToken(request.getRawToken().toStringUtf8());
                if (bearer.isEmpty()) {
                    reply.onError(Status.INVALID_ARGUMENT.withDescription("expected a BEARER token: \"Bearer <token>\"")
                            .asRuntimeException());
                    return;
                }
                Optional<TokenStore.Valid> valid = current.tokens().lookUp(bearer.get());
                if (valid.isEmpty()) {
                    reply.onError(Status.UNAUTHENTICATED.withDescription("unknown access token").asRuntimeException());
                    return;
                }
                Instant expiresAt = valid.get().expiresAt();
                if (!clock.instant().isBefore(expiresAt)) {
                    reply.onError(Status.UNAUTHENTICATED.withDescription("access token expired at " + expiresAt)
                            .asRuntimeException());
                    return;
                }
                PreAuthenticatedAuthenticationToken.Builder answer = PreAuthenticatedAuthenticationToken.newBuilder()
                        .setRawToken(request.getRawToken())
                        .setExpiredAt(Timestamp.newBuilder().setSeconds(expiresAt.getEpochSecond())
                                .setNanos(expiresAt.getNano()));
                valid.get().authorities().forEach(authority -> answer.addAuthorities(GrantedAuthority.newBuilder()
                        .setService(authority.service()).setMethod(authority.method()).setRaw(authority.raw())));
                reply.onNext(answer.build());
                reply.onCompleted();
            });
        }
    }
}
