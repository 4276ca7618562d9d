package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Java host against a plugin built with HashiCorp go-plugin itself. Needs a Go toolchain and Debian's
 * go-plugin sources ({@code apt-get install golang-go golang-github-hashicorp-go-plugin-dev}); skipped without
 * them. Debian ships go-plugin 1.0.1: AutoMTLS, but no GRPCStdio and no PLUGIN_UNIX_SOCKET_DIR, so this also
 * covers the old-plugin paths (UNIMPLEMENTED stdio, socket outside the host's directory).
 */
public class GoPluginInteropTest {

    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final String INSTALL = "apt-get install golang-go golang-github-hashicorp-go-plugin-dev"
            + " golang-google-grpc-dev (.ci/run does this)";

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static Path plugin;

    @BeforeClass
    public static void buildGoPlugin() throws Exception {
        assertTrue("Debian's go-plugin sources are not installed: " + INSTALL,
                Files.isDirectory(GOPATH.resolve("src/github.com/hashicorp/go-plugin")));
        plugin = FOLDER.getRoot().toPath().resolve("go-plugin-interop");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", plugin.toString(), ".")
                .directory(Path.of("src/test/go/interop").toFile())
                .redirectErrorStream(true);
        build.environment().put("GO111MODULE", "off");
        build.environment().put("GOPATH", GOPATH.toString());
        build.environment().put("GOFLAGS", "");
        Process go;
        try {
            go = build.start();
        } catch (java.io.IOException noGo) {
            throw new AssertionError("no Go toolchain (" + noGo.getMessage() + "): " + INSTALL, noGo);
        }
        String output = new String(go.getInputStream().readAllBytes());
        assertTrue("go build timed out", go.waitFor(5, TimeUnit.MINUTES));
        assertEquals("go build failed: " + output, 0, go.exitValue());
    }

    @Test
    public void startsChecksAndStopsARealGoPlugin() throws Exception {
        PluginProcess process = PluginProcess.create(spec("go-interop"));
        try {
            process.start();
            assertTrue(process.isHealthy(Duration.ofSeconds(10)));
            TestPlugins.awaitOutput(process, "go plugin warming up answer=42");
            TestPlugins.awaitOutput(process, "plain stderr from go");
        } finally {
            process.kill();
        }
        long pid = process.pid().getAsLong();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals("killed by host", process.exited().get(10, TimeUnit.SECONDS));
    }

    /** The plugin offers broker id 1 with go-plugin's AcceptAndServe; the host dials it with its AutoMTLS identity. */
    @Test
    public void dialsAConnectionARealGoPluginOffersThroughItsBroker() throws Exception {
        PluginProcess process = PluginProcess.create(spec("go-interop-broker"));
        try {
            process.start();
            ManagedChannel brokered = process.broker().dial(1);
            ServingStatus status = HealthGrpc.newBlockingStub(brokered).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("brokered-by-go").build()).getStatus();
            assertEquals(ServingStatus.SERVING, status);
        } finally {
            process.kill();
        }
    }

    private static LaunchSpec spec(String label) {
        Path root = FOLDER.getRoot().toPath();
        return new LaunchSpec(label, plugin, List.of(), root, TestPlugins.HANDSHAKE, Map.of(), TestPlugins.START_TIMEOUT,
                root.resolve("run"));
    }
}
