package dev.pnode.security.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

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
import dev.pnode.api.GrpcBroker;
import dev.pnode.api.Handshake;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.security.AuthenticatedPrincipal;
import dev.pnode.security.AuthenticationException;
import dev.pnode.security.SecurityPlugin;
import dev.pnode.security.SecurityPluginException;
import dev.pnode.security.TlsConfiguration;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Runs the interface and its gateway against a real (in-process) gRPC server playing a Quorum security plugin. */
public class SecurityInterfaceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeSecurityPlugin plugin = new FakeSecurityPlugin();
    private Server server;
    private ManagedChannel channel;

    @Before
    public void serve() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(plugin.initializer)
                .addService(plugin.tls).addService(plugin.authentication).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @After
    public void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    public void describesItselfToTheHostWithQuorumsServiceNames() {
        SecurityInterface security = new SecurityInterface();
        assertEquals("security", security.key());
        assertEquals(SecurityPlugin.class, security.contract());
        assertEquals(List.of("proto.TLSConfigurationSource", "proto.AuthenticationManager"), security.grpcServices());
        assertEquals(Handshake.QUORUM, security.handshake());
    }

    @Test
    public void connectInitialisesThePluginWithIdentityAndConfiguration() throws Exception {
        new SecurityInterface().connect(connection("{\"tokens\":{}}"));
        assertEquals("node-1", plugin.initialised.getHostIdentity());
        assertEquals("{\"tokens\":{}}", plugin.initialised.getRawConfiguration().toStringUtf8());
    }

    @Test
    public void aRefusedInitFailsTheConnectionWithThePluginsReason() {
        plugin.initFailure = Status.INVALID_ARGUMENT.withDescription("tokens must be an object");
        PluginException failure = assertThrows(PluginException.class,
                () -> new SecurityInterface().connect(connection("{}")));
        assertEquals("plugin security: Init failed: INVALID_ARGUMENT: tokens must be an object", failure.getMessage());
    }

    @Test
    public void servesTheKeyCertificateAndCipherSuitesThePluginGives() {
        plugin.tlsData = Optional.of(TLSConfiguration.Data.newBuilder().setKeyPem(ByteString.copyFromUtf8("KEY"))
                .setCertPem(ByteString.copyFromUtf8("CERT")).addCipherSuites(0xc030).build());
        TlsConfiguration tls = gateway().get().orElseThrow();
        assertEquals("KEY", new String(tls.keyPem(), StandardCharsets.UTF_8));
        assertEquals("CERT", new String(tls.certPem(), StandardCharsets.UTF_8));
        assertEquals(List.of(0xc030), tls.cipherSuites());
    }

    @Test
    public void noTlsDataMeansNoTls() {
        assertEquals(Optional.empty(), gateway().get());
    }

    @Test
    public void aTlsConfigurationWithoutCertificateIsAPluginFailure() {
        plugin.tlsData = Optional.of(TLSConfiguration.Data.newBuilder().setKeyPem(ByteString.copyFromUtf8("KEY")).build());
        SecurityPluginException failure = assertThrows(SecurityPluginException.class, () -> gateway().get());
        assertTrue(failure.getMessage(), failure.getMessage().contains("without certificate"));
    }

    @Test
    public void aValidTokenGivesItsAuthoritiesAndExpiry() {
        plugin.answer = PreAuthenticatedAuthenticationToken.newBuilder().setExpiredAt(seconds(NOW.plusSeconds(3600)))
                .addAuthorities(GrantedAuthority.newBuilder().setService("plugin@helloworld").setMethod("*")
                        .setRaw("rpc://plugin@helloworld_*"))
                .build();
        AuthenticatedPrincipal principal = gateway().authenticate("good-token");
        assertEquals("Bearer good-token", plugin.lastToken);
        assertEquals(NOW.plusSeconds(3600), principal.expiresAt());
        assertTrue(principal.grants("plugin@helloworld", "greeting"));
        assertFalse(principal.grants("admin", "nodeInfo"));
    }

    @Test
    public void anAuthorityWithOnlyItsRawScopeIsReadAsAQuorumScope() {
        plugin.answer = PreAuthenticatedAuthenticationToken.newBuilder().setExpiredAt(seconds(NOW.plusSeconds(60)))
                .addAuthorities(GrantedAuthority.newBuilder().setRaw("rpc://admin_nodeInfo"))
                .addAuthorities(GrantedAuthority.newBuilder().setRaw("not a scope"))
                .build();
        AuthenticatedPrincipal principal = gateway().authenticate("t");
        assertEquals(1, principal.authorities().size());
        assertTrue(principal.grants("admin", "nodeInfo"));
    }

    @Test
    public void anExpiredTokenIsRefused() {
        plugin.answer = PreAuthenticatedAuthenticationToken.newBuilder().setExpiredAt(seconds(NOW)).build();
        AuthenticationException refusal = assertThrows(AuthenticationException.class,
                () -> gateway().authenticate("old-token"));
        assertEquals("access token expired at 2026-11-25T12:00:00Z", refusal.getMessage());
    }

    @Test
    public void aTokenWithoutExpiryIsRefusedLikeQuorumDoes() {
        plugin.answer = PreAuthenticatedAuthenticationToken.getDefaultInstance();
        assertThrows(AuthenticationException.class, () -> gateway().authenticate("t"));
    }

    @Test
    public void aRefusalNeverQuotesTheToken() {
        plugin.authenticationFailure = Status.UNAUTHENTICATED.withDescription("unknown token s3cr3t-value");
        AuthenticationException refusal = assertThrows(AuthenticationException.class,
                () -> gateway().authenticate("s3cr3t-value"));
        assertFalse(refusal.getMessage(), refusal.getMessage().contains("s3cr3t-value"));
        assertTrue(refusal.getMessage(), refusal.getMessage().contains("unknown token <token>"));
    }

    @Test
    public void aGoPluginsPlainErrorIsARefusal() {
        plugin.authenticationFailure = Status.UNKNOWN.withDescription("invalid token");
        assertThrows(AuthenticationException.class, () -> gateway().authenticate("t"));
    }

    @Test
    public void anUnreachablePluginIsAPluginFailureNotARefusal() {
        plugin.authenticationFailure = Status.UNAVAILABLE.withDescription("connection refused");
        SecurityPluginException failure = assertThrows(SecurityPluginException.class,
                () -> gateway().authenticate("abc-123"));
        assertEquals("plugin security: Authenticate failed: UNAVAILABLE: connection refused", failure.getMessage());
    }

    @Test
    public void anEmptyTokenIsRefusedWithoutAskingThePlugin() {
        assertThrows(AuthenticationException.class, () -> gateway().authenticate(" "));
        assertEquals(null, plugin.lastToken);
    }

    private SecurityPlugin gateway() {
        return new SecurityGateway(channel, TIMEOUT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Timestamp seconds(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
    }

    private PluginConnection connection(String config) {
        return new PluginConnection() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public String pluginName() {
                return "security";
            }

            @Override
            public String pluginVersion() {
                return "1.0.0";
            }

            @Override
            public String hostIdentity() {
                return "node-1";
            }

            @Override
            public byte[] rawConfiguration() {
                return config.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Duration callTimeout() {
                return TIMEOUT;
            }

            @Override
            public GrpcBroker broker() {
                throw new UnsupportedOperationException("no broker in this test");
            }
        };
    }

    /** Answers as configured by the test; records what it was asked. */
    private static final class FakeSecurityPlugin {
        volatile PluginInitialization.Request initialised;
        volatile Status initFailure;
        volatile Optional<TLSConfiguration.Data> tlsData = Optional.empty();
        volatile PreAuthenticatedAuthenticationToken answer;
        volatile Status authenticationFailure;
        volatile String lastToken;

        final PluginInitializerGrpc.PluginInitializerImplBase initializer = new PluginInitializerGrpc.PluginInitializerImplBase() {
            @Override
            public void init(PluginInitialization.Request request, StreamObserver<PluginInitialization.Response> reply) {
                if (initFailure != null) {
                    reply.onError(initFailure.asRuntimeException());
                    return;
                }
                initialised = request;
                reply.onNext(PluginInitialization.Response.getDefaultInstance());
                reply.onCompleted();
            }
        };

        final TLSConfigurationSourceGrpc.TLSConfigurationSourceImplBase tls = new TLSConfigurationSourceGrpc.TLSConfigurationSourceImplBase() {
            @Override
            public void get(TLSConfiguration.Request request, StreamObserver<TLSConfiguration.Response> reply) {
                TLSConfiguration.Response.Builder response = TLSConfiguration.Response.newBuilder();
                tlsData.ifPresent(response::setData);
                reply.onNext(response.build());
                reply.onCompleted();
            }
        };

        final AuthenticationManagerGrpc.AuthenticationManagerImplBase authentication = new AuthenticationManagerGrpc.AuthenticationManagerImplBase() {
            @Override
            public void authenticate(AuthenticationToken request, StreamObserver<PreAuthenticatedAuthenticationToken> reply) {
                lastToken = request.getRawToken().toStringUtf8();
                if (authenticationFailure != null) {
                    reply.onError(authenticationFailure.asRuntimeException());
                    return;
                }
                reply.onNext(answer);
                reply.onCompleted();
            }
        };
    }
}
