package dev.pnode.examples.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.AuthenticationManagerGrpc;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import com.quorum.plugin.proto.Security.AuthenticationToken;
import com.quorum.plugin.proto.Security.PreAuthenticatedAuthenticationToken;
import com.quorum.plugin.proto.Security.TLSConfiguration;
import com.quorum.plugin.proto.TLSConfigurationSourceGrpc;
import dev.pnode.sdk.InProcessPlugin;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The plugin's gRPC contract, served in-process: what a host sees once the plugin runs. */
public class TokenSecurityPluginTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String CONFIG = "{\"tokens\":{"
            + "\"hello-token\":{\"authorities\":[\"rpc://plugin@helloworld_*\",\"rpc://rpc_modules\"],\"expiresIn\":\"1h\"},"
            + "\"old-token\":{\"authorities\":[\"rpc://*_*\"],\"expiresIn\":\"-1s\"}}}";

    private static ServerCertificate generated;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Rule
    public final InProcessPlugin plugin = new InProcessPlugin(
            () -> new TokenSecurityPlugin(Clock.fixed(NOW, ZoneOffset.UTC), generated).services());

    @BeforeClass
    public static void makeCertificate() {
        generated = ServerCertificate.selfSigned();
    }

    @Test
    public void aConfiguredTokenGetsItsScopesAndExpiry() {
        init(CONFIG);
        PreAuthenticatedAuthenticationToken answer = authenticate("hello-token");
        assertEquals(NOW.plusSeconds(3600).getEpochSecond(), answer.getExpiredAt().getSeconds());
        assertEquals(2, answer.getAuthoritiesCount());
        assertEquals("plugin@helloworld", answer.getAuthorities(0).getService());
        assertEquals("*", answer.getAuthorities(0).getMethod());
        assertEquals("rpc://plugin@helloworld_*", answer.getAuthorities(0).getRaw());
        assertEquals("rpc", answer.getAuthorities(1).getService());
        assertEquals("modules", answer.getAuthorities(1).getMethod());
    }

    @Test
    public void anUnknownTokenIsUnauthenticatedWithoutBeingQuoted() {
        init(CONFIG);
        StatusRuntimeException refusal = assertThrows(StatusRuntimeException.class, () -> authenticate("forged"));
        assertEquals(Status.Code.UNAUTHENTICATED, refusal.getStatus().getCode());
        assertFalse(refusal.getMessage().contains("forged"));
    }

    @Test
    public void aTokenWithoutTheBearerTypeIsRefusedLikeQuorumsPluginDoes() {
        init(CONFIG);
        for (String raw : new String[] {"hello-token", "Basic hello-token", "Bearer"}) {
            StatusRuntimeException refusal = assertThrows(raw, StatusRuntimeException.class, () -> authenticateRaw(raw));
            assertEquals(Status.Code.INVALID_ARGUMENT, refusal.getStatus().getCode());
        }
        assertEquals(2, authenticateRaw("bearer   hello-token").getAuthoritiesCount());
    }

    @Test
    public void anExpiredTokenIsUnauthenticated() {
        init(CONFIG);
        StatusRuntimeException refusal = assertThrows(StatusRuntimeException.class, () -> authenticate("old-token"));
        assertEquals(Status.Code.UNAUTHENTICATED, refusal.getStatus().getCode());
        assertTrue(refusal.getMessage(), refusal.getMessage().contains("expired at 2026-11-25T11:59:59Z"));
    }

    @Test
    public void aNewInitReplacesTheTokens() {
        init(CONFIG);
        init("{\"tokens\":{\"other\":{\"authorities\":[],\"expiresIn\":\"5m\"}}}");
        assertThrows(StatusRuntimeException.class, () -> authenticate("hello-token"));
        assertEquals(0, authenticate("other").getAuthoritiesCount());
    }

    @Test
    public void servesTheSelfSignedCertificateForLocalhost() throws Exception {
        init(CONFIG);
        TLSConfiguration.Data tls = tls();
        X509Certificate certificate = certificate(tls.getCertPem().toByteArray());
        assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=localhost"));
        assertTrue(certificate.getSubjectAlternativeNames().toString().contains("127.0.0.1"));
        assertTrue(tls.getKeyPem().toStringUtf8().startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    public void servesTheConfiguredCertificateFiles() throws Exception {
        Path cert = Files.write(folder.getRoot().toPath().resolve("cert.pem"), "CERT".getBytes(StandardCharsets.UTF_8));
        Path key = Files.write(folder.getRoot().toPath().resolve("key.pem"), "KEY".getBytes(StandardCharsets.UTF_8));
        init("{\"tokens\":{},\"tls\":{\"certFile\":\"" + cert + "\",\"keyFile\":\"" + key + "\"}}");
        assertEquals("CERT", tls().getCertPem().toStringUtf8());
        assertEquals("KEY", tls().getKeyPem().toStringUtf8());
    }

    @Test
    public void refusesABadConfigurationNamingTheProblemButNoToken() {
        assertInitRefused("{\"tokens\":{\"s3cret\":{\"authorities\":[\"admin_*\"],\"expiresIn\":\"1h\"}}}",
                "token #1 of \"tokens\": authority \"admin_*\" is not of the form rpc://");
        assertInitRefused("{\"tokens\":{\"s3cret\":{\"authorities\":[],\"expiresIn\":\"soon\"}}}",
                "token #1 of \"tokens\": \"expiresIn\": \"soon\" is not a duration");
        assertInitRefused("{\"tokens\":{\"s3cret\":{\"authorities\":[],\"expiresIn\":\"1h\",\"admin\":true}}}",
                "token #1 of \"tokens\" has an unknown key \"admin\"");
        assertInitRefused("{}", "the configuration has no \"tokens\"");
        assertInitRefused("{\"tokens\":[]}", "\"tokens\" must be a JSON object");
        assertInitRefused("{\"tokens\":", "the configuration is not valid JSON");
        assertInitRefused("{\"tokens\":{},\"tls\":{\"certFile\":\"/nonexistent/c\",\"keyFile\":\"/nonexistent/k\"}}",
                "cannot read the TLS files");
    }

    @Test
    public void callsBeforeInitAreRefused() {
        StatusRuntimeException refusal = assertThrows(StatusRuntimeException.class, () -> authenticate("hello-token"));
        assertEquals(Status.Code.FAILED_PRECONDITION, refusal.getStatus().getCode());
        assertEquals(Status.Code.FAILED_PRECONDITION,
                assertThrows(StatusRuntimeException.class, this::tls).getStatus().getCode());
    }

    @Test
    public void readsGoDurations() {
        assertEquals(java.time.Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(java.time.Duration.ofMillis(-1500), Durations.parse("-1s500ms"));
        for (String bad : new String[] {"", "1", "h", "1d", "1.5h", "--1h", " 1h"}) {
            assertThrows(bad, IllegalArgumentException.class, () -> Durations.parse(bad));
        }
    }

    private void assertInitRefused(String config, String messagePart) {
        StatusRuntimeException refusal = assertThrows(StatusRuntimeException.class, () -> init(config));
        assertEquals(Status.Code.INVALID_ARGUMENT, refusal.getStatus().getCode());
        assertTrue(refusal.getMessage(), refusal.getMessage().contains(messagePart));
        assertFalse(refusal.getMessage(), refusal.getMessage().contains("s3cret"));
    }

    private void init(String config) {
        PluginInitializerGrpc.newBlockingStub(plugin.channel()).init(PluginInitialization.Request.newBuilder()
                .setHostIdentity("node-1").setRawConfiguration(ByteString.copyFromUtf8(config)).build());
    }

    /** As the node (and geth) send it: the Authorization header value. */
    private PreAuthenticatedAuthenticationToken authenticate(String token) {
        return authenticateRaw("Bearer " + token);
    }

    private PreAuthenticatedAuthenticationToken authenticateRaw(String rawToken) {
        return AuthenticationManagerGrpc.newBlockingStub(plugin.channel()).authenticate(AuthenticationToken.newBuilder()
                .setRawToken(ByteString.copyFromUtf8(rawToken)).build());
    }

    private TLSConfiguration.Data tls() {
        return TLSConfigurationSourceGrpc.newBlockingStub(plugin.channel()).get(TLSConfiguration.Request.getDefaultInstance())
                .getData();
    }

    private static X509Certificate certificate(byte[] pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
