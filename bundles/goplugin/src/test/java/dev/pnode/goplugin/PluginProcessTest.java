package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.Handshake;
import dev.pnode.goplugin.testplugin.TestPlugin;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.PluginStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Starts {@link TestPlugin} as a real child process in each of its modes. */
public class PluginProcessTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<PluginProcess> processes = new ArrayList<>();

    @After
    public void killAll() {
        processes.forEach(PluginProcess::kill);
    }

    private PluginProcess create(LaunchSpec spec) {
        PluginProcess process = PluginProcess.create(spec);
        processes.add(process);
        return process;
    }

    private PluginProcess started(String mode) throws Exception {
        PluginProcess process = create(TestPlugins.spec(folder, mode));
        process.start();
        return process;
    }

    private String startFailure(LaunchSpec spec) {
        PluginProcess process = create(spec);
        PluginStartException e = assertThrows(PluginStartException.class, process::start);
        assertNoProcessLeft(process);
        return e.getMessage();
    }

    private String startFailure(String mode) throws IOException {
        return startFailure(TestPlugins.spec(folder, mode));
    }

    private static void assertContains(String text, String expected) {
        assertTrue("'" + text + "' should contain '" + expected + "'", text.contains(expected));
    }

    private static void assertNoProcessLeft(PluginProcess process) {
        process.pid().ifPresent(pid -> assertFalse("process " + pid + " still runs",
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    private Path runDirectory() {
        return folder.getRoot().toPath().resolve("run");
    }

    private List<Path> pidRecords() throws IOException {
        if (!Files.isDirectory(runDirectory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runDirectory())) {
            return files.filter(file -> file.toString().endsWith(".pid")).toList();
        }
    }

    private static Path socketDirectory(Path record) throws IOException {
        return PidRecord.read(record).socketDirectory();
    }

    @Test
    public void startsOverAUnixSocketWithMutualTlsAndKillsCleanly() throws Exception {
        PluginProcess process = started("normal");
        assertTrue(process.isHealthy(Duration.ofSeconds(10)));
        long pid = process.pid().getAsLong();
        assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive());
        Path record = pidRecords().get(0);
        Path sockets = socketDirectory(record);
        assertTrue(Files.exists(sockets.resolve("plugin.sock")));

        process.kill();

        assertNoProcessLeft(process);
        assertFalse("socket directory " + sockets + " is left", Files.exists(sockets));
        assertEquals(List.of(), pidRecords());
        assertEquals("killed by host", process.exited().get(10, TimeUnit.SECONDS));
        assertFalse(process.isHealthy(Duration.ofSeconds(1)));
    }

    /**
     * A start warms up the node's plugin channel code and schedules the TLS handshakes' warm-up (both once per node):
     * without them a node's first start and first reloads compile that code while callers wait.
     */
    @Test
    public void aStartWarmsUpTheChannelAndSchedulesTheHandshakes() throws Exception {
        started("normal");
        EphemeralCertificate identity = EphemeralCertificate.generate();

        AtomicBoolean warmedUpNow = new AtomicBoolean();
        ChannelWarmUp.NODE.startOnce(() -> {
            warmedUpNow.set(true);
            return identity;
        }).get(30, TimeUnit.SECONDS);
        assertFalse("the start did not start the channel warm-up", warmedUpNow.get());
        assertTrue("the start did not schedule the TLS handshakes",
                ChannelWarmUp.NODE.handshakesOnce(identity, Duration.ofDays(1)).isDone());
    }

    @Test
    public void keepsABoundedAmountOfAFloodingPluginsOutput() throws Exception {
        PluginProcess process = started("flood");
        TestPlugins.awaitOutput(process, "flood done");
        List<String> recent = process.recentOutput(Integer.MAX_VALUE);
        assertEquals(PluginOutput.DEFAULT_CAPACITY, recent.size());
        String longLine = recent.stream().filter(line -> line.startsWith("yyy")).findFirst().orElseThrow();
        assertTrue(longLine.startsWith("y".repeat(PluginOutput.MAX_LINE_CHARS) + " ...["));
        assertTrue(longLine.length() < PluginOutput.MAX_LINE_CHARS + 100);
        assertTrue(process.isHealthy(Duration.ofSeconds(10)));
    }

    @Test
    public void connectsOverTcp() throws Exception {
        PluginProcess process = started("tcp");
        assertTrue(process.isHealthy(Duration.ofSeconds(10)));
        process.kill();
        assertNoProcessLeft(process);
    }

    @Test
    public void talksPlaintextToAPluginThatSendsNoCertificate() throws Exception {
        PluginProcess process = started("no-cert");
        assertTrue(process.isHealthy(Duration.ofSeconds(10)));
    }

    @Test
    public void refusesAGarbageHandshakeAndLogsWhatCameBefore() throws Exception {
        PluginProcess process = create(TestPlugins.spec(folder, "garbage"));
        String message = assertThrows(HandshakeException.class, process::start).getMessage();
        assertContains(message, "plugin test-garbage sent an unusable handshake line");
        assertContains(message, "field 2 (application protocol version) must be a positive number, was 'one'");
        assertContains(String.join("\n", process.recentOutput(10)), "starting up, please wait");
        assertNoProcessLeft(process);
        assertEquals(List.of(), pidRecords());
    }

    @Test
    public void reportsAnExitDuringTheHandshakeWithTheLastOutput() throws Exception {
        PluginProcess process = create(TestPlugins.spec(folder, "exit-during-handshake"));
        String message = assertThrows(PluginStartException.class, process::start).getMessage();
        assertEquals("exited with status 3", process.exited().get(10, TimeUnit.SECONDS));
        assertContains(message, "plugin test-exit-during-handshake exited with status 3 before printing its "
                + "handshake line");
        assertContains(message, "fatal: configuration file missing");
    }

    @Test
    public void reportsAWrongMagicCookieAsThePluginExplainsIt() throws Exception {
        String message = startFailure(TestPlugins.spec(folder, new Handshake(1, TestPlugin.COOKIE_KEY, "wrong"),
                TestPlugins.START_TIMEOUT, Map.of(), "normal"));
        assertContains(message, "exited with status 1");
        assertContains(message, "This binary is a plugin");
    }

    @Test
    public void givesUpOnAPluginThatPrintsNothing() throws Exception {
        String message = startFailure(TestPlugins.spec(folder, TestPlugins.HANDSHAKE, Duration.ofSeconds(2),
                Map.of(), "silent"));
        assertContains(message, "plugin test-silent printed no handshake line within 2000 ms");
    }

    @Test
    public void refusesAnotherApplicationProtocolVersion() throws Exception {
        assertContains(startFailure("wrong-version"),
                "plugin test-wrong-version: plugin speaks application protocol version 2, the host expects version 1");
    }

    @Test
    public void refusesNetrpc() throws Exception {
        assertContains(startFailure("netrpc"),
                "netrpc plugins are not supported; build the plugin with go-plugin's gRPC protocol");
    }

    @Test
    public void refusesAnAbsurdlyLongLineBeforeTheHandshake() throws Exception {
        assertContains(startFailure("long-line"), "printed a line longer than 65536 bytes before its handshake line");
    }

    @Test
    public void reportsAHandshakeAddressNobodyListensOn() throws Exception {
        String message = startFailure("wrong-address");
        assertContains(message, "plugin test-wrong-address: no answer from its gRPC health service at unix ");
        assertContains(message, "nobody-listens.sock without TLS: UNAVAILABLE");
    }

    @Test
    public void trustsOnlyTheCertificateFromTheHandshake() throws Exception {
        String message = startFailure("wrong-cert");
        assertContains(message, "plugin test-wrong-cert: no answer from its gRPC health service at unix ");
        assertContains(message, "with mutual TLS: UNAVAILABLE javax.net.ssl.SSLHandshakeException");
    }

    @Test
    public void namesAnExecutableThatCannotRun() throws Exception {
        Path root = folder.getRoot().toPath();
        LaunchSpec spec = new LaunchSpec("missing", root.resolve("no-such-plugin"), List.of(), root,
                TestPlugins.HANDSHAKE, Map.of(), TestPlugins.START_TIMEOUT, root.resolve("run"));
        String message = startFailure(spec);
        assertContains(message, "plugin missing: cannot run " + root.resolve("no-such-plugin"));
        assertEquals(List.of(), pidRecords());
    }

    @Test
    public void forcesAPluginThatIgnoresShutdownAndSigterm() throws Exception {
        PluginProcess process = started("hang-on-shutdown");
        process.kill();
        assertNoProcessLeft(process);
        assertEquals(List.of(), pidRecords());
    }

    @Test
    public void completesExitedWhenThePluginDiesOnItsOwnAndCleansUpAfterIt() throws Exception {
        PluginProcess process = started("die-after-start");
        Path sockets = socketDirectory(pidRecords().get(0));
        process.isHealthy(Duration.ofSeconds(10));
        assertEquals("exited with status 7", process.exited().get(20, TimeUnit.SECONDS));
        assertFalse(process.isHealthy(Duration.ofMillis(500)));
        assertEquals(List.of(), pidRecords());
        assertFalse(Files.exists(sockets));
        process.kill();
        assertEquals("exited with status 7", process.exited().get());
    }

    @Test
    public void reportsASigkillFromOutsideAsTheExitReason() throws Exception {
        PluginProcess process = started("normal");
        ProcessHandle.of(process.pid().getAsLong()).orElseThrow().destroyForcibly();
        assertEquals("exited with status 137 (killed by signal 9)", process.exited().get(20, TimeUnit.SECONDS));
        assertEquals(List.of(), pidRecords());
    }

    @Test
    public void killIsSafeToCallTwiceAndFromSeveralThreads() throws Exception {
        PluginProcess process = started("normal");
        CompletableFuture<Void> other = CompletableFuture.runAsync(process::kill);
        process.kill();
        other.get(30, TimeUnit.SECONDS);
        process.kill();
        assertNoProcessLeft(process);
    }

    @Test
    public void aKillFromAnotherThreadEndsAStartThatIsWaitingForTheHandshake() throws Exception {
        PluginProcess process = create(TestPlugins.spec(folder, "silent"));
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
            try {
                process.start();
            } catch (PluginStartException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        while (process.pid().isEmpty() && !starting.isDone()) {
            Thread.sleep(10);
        }
        process.kill();
        Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> starting.get(30, TimeUnit.SECONDS)).getCause().getCause();
        assertContains(failure.getMessage(), "plugin test-silent was killed while starting");
        assertNoProcessLeft(process);
        assertEquals(List.of(), pidRecords());
    }

    @Test
    public void cannotBeStartedAfterAKill() throws Exception {
        PluginProcess process = create(TestPlugins.spec(folder, "normal"));
        process.kill();
        assertContains(assertThrows(PluginStartException.class, process::start).getMessage(), "was killed");
        assertEquals("never started", process.exited().get(1, TimeUnit.SECONDS));
    }

    @Test
    public void reapsAnOrphanLeftByAHostThatDied() throws Exception {
        Path root = folder.getRoot().toPath();
        Path host = TestPlugins.javaEntrypoint(folder, dev.pnode.goplugin.testplugin.OrphaningHost.class.getName());
        Path plugin = TestPlugins.javaEntrypoint(folder, TestPlugin.class.getName());
        Process hostProcess = new ProcessBuilder(host.toString(), runDirectory().toString(), plugin.toString(),
                root.toString()).redirectErrorStream(true).start();
        String hostOutput = new String(hostProcess.getInputStream().readAllBytes());
        assertEquals(hostOutput, 0, hostProcess.waitFor());
        Path record = pidRecords().get(0);
        PidRecord orphan = PidRecord.read(record);
        ProcessHandle orphanProcess = ProcessHandle.of(orphan.pid()).orElseThrow();
        assertTrue(orphanProcess.isAlive());
        assertTrue(Files.exists(orphan.socketDirectory().resolve("plugin.sock")));

        assertEquals(1, OrphanReaper.reap(runDirectory()));

        orphanProcess.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(orphan.socketDirectory()));
        assertEquals(List.of(), pidRecords());
    }
}
