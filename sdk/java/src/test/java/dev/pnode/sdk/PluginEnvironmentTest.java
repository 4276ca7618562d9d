package dev.pnode.sdk;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.Handshake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class PluginEnvironmentTest {

    private static final Handshake HANDSHAKE = new Handshake(1, "TEST_COOKIE", "secret");

    private static PluginEnvironment environment(Map<String, String> variables) {
        return new PluginEnvironment(variables);
    }

    @Test
    public void recognisesTheHostByItsMagicCookie() {
        assertTrue(environment(Map.of("TEST_COOKIE", "secret")).carriesCookieOf(HANDSHAKE));
    }

    @Test
    public void aMissingOrWrongCookieMeansNoHostStartedUs() {
        assertFalse(environment(Map.of()).carriesCookieOf(HANDSHAKE));
        assertFalse(environment(Map.of("TEST_COOKIE", "Secret")).carriesCookieOf(HANDSHAKE));
        assertFalse(environment(Map.of("TEST_COOKIE", "")).carriesCookieOf(HANDSHAKE));
    }

    @Test
    public void socketsGoWhereTheHostSaysElseToTheTempDirectory() {
        assertEquals(Path.of("/run/x"), environment(Map.of("PLUGIN_UNIX_SOCKET_DIR", "/run/x")).socketDirectory());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), environment(Map.of()).socketDirectory());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")),
                environment(Map.of("PLUGIN_UNIX_SOCKET_DIR", "")).socketDirectory());
    }

    @Test
    public void collectsTheHeapAfterFiveIdleSecondsUnlessToldOtherwise() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), environment(Map.of()).idleCollection());
        assertEquals(Optional.of(Duration.ofSeconds(5)),
                environment(Map.of("PNODE_PLUGIN_IDLE_GC_SECONDS", "")).idleCollection());
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                environment(Map.of("PNODE_PLUGIN_IDLE_GC_SECONDS", " 30 ")).idleCollection());
        assertEquals(Optional.empty(), environment(Map.of("PNODE_PLUGIN_IDLE_GC_SECONDS", "0")).idleCollection());
    }

    @Test
    public void refusesAnIdleTimeThatIsNotWholeSeconds() {
        for (String bad : new String[] {"-1", "5s", "1.5", "x", "99999999999"}) {
            PluginStartException error = assertThrows(PluginStartException.class,
                    () -> environment(Map.of("PNODE_PLUGIN_IDLE_GC_SECONDS", bad)).idleCollection());
            assertThat(error.getMessage(), containsString(
                    "PNODE_PLUGIN_IDLE_GC_SECONDS must be a number of seconds (0: never), was \"" + bad + "\""));
        }
    }

    @Test
    public void servesOnTcpWithAutoMtlsAndOnAUnixSocketWithout() {
        assertTrue(environment(Map.of("PLUGIN_CLIENT_CERT", "pem")).wantsTcp());
        assertFalse(environment(Map.of()).wantsTcp());
    }

    @Test
    public void theHostsTransportWinsOverTheDefault() {
        assertFalse(environment(Map.of("PNODE_PLUGIN_TRANSPORT", "unix", "PLUGIN_CLIENT_CERT", "pem")).wantsTcp());
        assertFalse(environment(Map.of("PNODE_PLUGIN_TRANSPORT", "unix")).wantsTcp());
        assertTrue(environment(Map.of("PNODE_PLUGIN_TRANSPORT", "tcp")).wantsTcp());
    }

    @Test
    public void anUnknownTransportIsNamedInTheError() {
        PluginStartException error = assertThrows(PluginStartException.class,
                () -> environment(Map.of("PNODE_PLUGIN_TRANSPORT", "udp")).wantsTcp());
        assertThat(error.getMessage(), containsString("PNODE_PLUGIN_TRANSPORT must be \"tcp\" or \"unix\", was \"udp\""));
    }

    @Test
    public void portRangeDefaultsToAnyFreePort() {
        assertEquals(new PluginEnvironment.PortRange(0, 0), environment(Map.of()).portRange());
    }

    @Test
    public void portRangeComesFromTheHost() {
        assertEquals(new PluginEnvironment.PortRange(10000, 25000),
                environment(Map.of("PLUGIN_MIN_PORT", "10000", "PLUGIN_MAX_PORT", "25000")).portRange());
    }

    @Test
    public void aPortThatIsNotANumberIsNamed() {
        PluginStartException error = assertThrows(PluginStartException.class,
                () -> environment(Map.of("PLUGIN_MIN_PORT", "ten", "PLUGIN_MAX_PORT", "20")).portRange());
        assertThat(error.getMessage(), containsString("PLUGIN_MIN_PORT"));
        assertThat(error.getMessage(), containsString("\"ten\""));
    }

    @Test
    public void aPortOutsideTheTcpRangeIsRefused() {
        PluginStartException error = assertThrows(PluginStartException.class,
                () -> environment(Map.of("PLUGIN_MAX_PORT", "70000")).portRange());
        assertThat(error.getMessage(), containsString("PLUGIN_MAX_PORT must be a port between 0 and 65535"));
    }

    @Test
    public void aRangeThatEndsBeforeItStartsIsRefusedLikeGoPluginDoes() {
        PluginStartException error = assertThrows(PluginStartException.class,
                () -> environment(Map.of("PLUGIN_MIN_PORT", "20", "PLUGIN_MAX_PORT", "10")).portRange());
        assertEquals("PLUGIN_MIN_PORT value of 20 is greater than PLUGIN_MAX_PORT value of 10", error.getMessage());
    }

    @Test
    public void anEmptyClientCertificateMeansNoMutualTls() {
        assertEquals(Optional.empty(), environment(Map.of("PLUGIN_CLIENT_CERT", "")).clientCertificatePem());
        assertEquals(Optional.of("pem"), environment(Map.of("PLUGIN_CLIENT_CERT", "pem")).clientCertificatePem());
    }

    @Test
    public void aWarmUpOnlyWhenTheHostGivesItTime() {
        assertEquals(Optional.empty(), environment(Map.of()).warmUp());
        assertEquals(Optional.empty(), environment(Map.of("PNODE_PLUGIN_WARM_UP_MILLIS", "")).warmUp());
        assertEquals(Optional.empty(), environment(Map.of("PNODE_PLUGIN_WARM_UP_MILLIS", "0")).warmUp());
        assertEquals(Optional.of(Duration.ofMillis(2500)),
                environment(Map.of("PNODE_PLUGIN_WARM_UP_MILLIS", " 2500 ")).warmUp());
    }

    @Test
    public void aBadWarmUpTimeNamesTheVariable() {
        for (String bad : new String[] {"-1", "3s", "soon", "99999999999999999999"}) {
            PluginStartException error = assertThrows(PluginStartException.class,
                    () -> environment(Map.of("PNODE_PLUGIN_WARM_UP_MILLIS", bad)).warmUp());
            assertThat(error.getMessage(), containsString(
                    "PNODE_PLUGIN_WARM_UP_MILLIS must be a number of milliseconds (0: no warm-up), was \"" + bad + "\""));
        }
    }
}
