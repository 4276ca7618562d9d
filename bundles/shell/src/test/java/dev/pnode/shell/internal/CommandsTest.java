package dev.pnode.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** What a user sees from each command, with the host's services stood in for. */
public class CommandsTest {

    private final FakeHost host = new FakeHost();

    @Test
    public void listsPluginsAsATable() {
        String text = list().list(false);

        assertEquals(""
                + "INTERFACE   NAME                               VERSION  STATE    PID   UPTIME  RESTARTS  RESTART-LIMIT  LAST-ERROR\n"
                + "helloworld  quorum-plugin-hello-world          1.0.0    running  4242  1h 2m   1         5 in 10m       exited with status 137\n"
                + "security    quorum-security-plugin-enterprise  0.1.0    failed   -     -       5         5 in 10m       "
                + "handshake timed out after 10 s: the plugin printed nothin...\n", text);
    }

    @Test
    public void listsPluginsTabSeparatedWithFullErrorsForScripts() {
        String[] lines = list().list(true).split("\n");

        assertEquals("INTERFACE\tNAME\tVERSION\tSTATE\tPID\tUPTIME\tRESTARTS\tRESTART-LIMIT\tLAST-ERROR", lines[0]);
        assertEquals("helloworld\tquorum-plugin-hello-world\t1.0.0\trunning\t4242\t1h 2m\t1\t5 in 10m\texited with status 137",
                lines[1]);
        assertTrue(lines[2].endsWith("\thandshake timed out after 10 s: the plugin printed nothing on stdout; is it a plugin?"));
    }

    @Test
    public void listsOnlyTheHeaderWhenNoPluginIsConfigured() {
        host.plugins.clear();

        assertEquals("INTERFACE  NAME  VERSION  STATE  PID  UPTIME  RESTARTS  RESTART-LIMIT  LAST-ERROR\n", list().list(false));
    }

    @Test
    public void saysWhenTheHostIsNotRunning() {
        ListCommand command = new ListCommand();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> command.list(false));

        assertEquals("the plugin host is not running (no PluginRegistry service)", e.getMessage());
    }

    @Test
    public void showsOnePluginsDetails() {
        InfoCommand command = new InfoCommand();
        command.registry = host;
        command.clock = Clock.fixed(FakeHost.NOW, ZoneOffset.UTC);

        assertEquals(""
                + "Interface:       helloworld\n"
                + "Name:            quorum-plugin-hello-world\n"
                + "Version:         1.0.0\n"
                + "State:           running\n"
                + "PID:             4242\n"
                + "Started:         2026-11-25T10:57:55Z\n"
                + "Uptime:          1h 2m\n"
                + "Restarts:        1\n"
                + "Restart policy:  5 restarts within 10m, backoff up to 30s\n"
                + "Last error:      exited with status 137\n", command.info("helloworld"));
    }

    @Test
    public void namesTheConfiguredPluginsWhenTheKeyIsUnknown() {
        InfoCommand command = new InfoCommand();
        command.registry = host;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> command.info("nope"));

        assertEquals("no plugin is configured under nope (configured: helloworld, security)", e.getMessage());
    }

    @Test
    public void showsRecentOutput() {
        host.output.addAll(List.of("starting", "serving on /tmp/plugin.sock"));

        assertEquals("starting\nserving on /tmp/plugin.sock\n", logs().logs(20, "helloworld"));
        assertEquals(20, host.lastMaxLines);
    }

    @Test
    public void saysWhenThereIsNoOutputYet() {
        assertEquals("(no output from plugin helloworld yet)\n", logs().logs(50, "helloworld"));
    }

    @Test
    public void refusesAnAbsurdLineCount() {
        assertEquals("-n must be between 1 and 10000, was 0",
                assertThrows(IllegalArgumentException.class, () -> logs().logs(0, "helloworld")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> logs().logs(10_001, "helloworld"));
    }

    @Test
    public void reloadsNamedPlugins() throws PluginException {
        assertEquals("helloworld: reloaded\nsecurity: reloaded\n", reload().reload(false, "helloworld", "security"));
        assertEquals(List.of("helloworld", "security"), host.reloaded);
    }

    @Test
    public void triesEveryNamedPluginAndFailsIfAnyFailed() {
        host.failures.put("helloworld", "plugin helloworld: new process failed Init: bad config; the old one keeps serving");

        PluginException e = assertThrows(PluginException.class,
                () -> reload().reload(false, "helloworld", "nope", "security"));

        assertEquals("helloworld: plugin helloworld: new process failed Init: bad config; the old one keeps serving\n"
                + "nope: no plugin is configured under nope\n"
                + "security: reloaded", e.getMessage());
        assertEquals(List.of("security"), host.reloaded);
    }

    @Test
    public void reloadsTheWholeSettingsFile() throws PluginException {
        host.reloadAllOutcome = Map.of("kv", "started");

        assertEquals("kv: started\n", reload().reload(true));
    }

    @Test
    public void saysWhenReloadingAllChangedNothing() throws PluginException {
        assertEquals("no plugin changed\n", reload().reload(true));
    }

    @Test
    public void needsEitherKeysOrAll() {
        assertEquals("name the plugins to reload, or give --all (not both)",
                assertThrows(IllegalArgumentException.class, () -> reload().reload(false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> reload().reload(true, "helloworld"));
    }

    private ListCommand list() {
        ListCommand command = new ListCommand();
        command.registry = host;
        command.clock = Clock.fixed(FakeHost.NOW, ZoneOffset.UTC);
        return command;
    }

    private LogsCommand logs() {
        LogsCommand command = new LogsCommand();
        command.registry = host;
        return command;
    }

    private ReloadCommand reload() {
        ReloadCommand command = new ReloadCommand();
        command.admin = host;
        return command;
    }

    private InstallCommand install() {
        InstallCommand command = new InstallCommand();
        command.admin = host;
        return command;
    }

    @Test
    public void installShowsProgressAndWhereThePluginWent() throws PluginException {
        host.downloadSize = 2_000_000;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();

        String result = install().install(new java.io.PrintStream(console, true), "helloworld", "1.0.0");

        assertEquals("helloworld 1.0.0: downloaded, verified and installed as /data/plugins/helloworld-1.0.0.zip"
                + " (not started: name it in the plugin settings and run plugin:reload --all)\n", result);
        String[] lines = console.toString().split("\n");
        assertEquals("downloading https://central.example/helloworld-1.0.0.zip (1.9 MiB)", lines[0]);
        assertEquals("  10% 195.3 KiB of 1.9 MiB", lines[1]);
        assertEquals("  100% 1.9 MiB of 1.9 MiB", lines[lines.length - 1]);
        assertEquals("a line per tenth", 11, lines.length);
    }

    @Test
    public void installSaysWhenThePluginWasAlreadyThere() throws PluginException {
        assertEquals("helloworld 1.0.0: already installed as /data/plugins/helloworld-1.0.0.zip (checked, not"
                + " downloaded)\n", install().install((java.io.PrintStream) null, "helloworld", "1.0.0"));
    }

    @Test
    public void installFailuresAreTheHostsMessage() {
        assertEquals("installing plugin kv 9.9.9 from the plugin central failed: https://central.example/kv-9.9.9.zip:"
                + " HTTP 404", assertThrows(PluginException.class,
                () -> install().install((java.io.PrintStream) null, "kv", "9.9.9")).getMessage());
    }

    @Test
    public void installNeedsTheHost() {
        assertEquals("the plugin host is not running (no PluginAdmin service)", assertThrows(
                IllegalStateException.class,
                () -> new InstallCommand().install((java.io.PrintStream) null, "helloworld", "1.0.0")).getMessage());
    }

    @Test
    public void progressWithoutAnnouncedSizeCountsMebibytes() {
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new java.io.PrintStream(console, true));
        for (long received = 0; received <= 3 * 1024 * 1024; received += 256 * 1024) {
            progress.progress("file:/central/kv.zip", received, -1);
        }
        assertEquals("downloading file:/central/kv.zip\n  1.0 MiB\n  2.0 MiB\n  3.0 MiB\n", console.toString());
    }

    @Test
    public void aRetriedDownloadStartsItsProgressAgain() {
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new java.io.PrintStream(console, true));
        progress.progress("file:/kv.zip", 600, 1000);
        progress.progress("file:/kv.zip", 0, 1000);
        progress.progress("file:/kv.zip", 1000, 1000);
        assertEquals("downloading file:/kv.zip (1000 B)\n  60% 600 B of 1000 B\n"
                + "downloading file:/kv.zip (1000 B)\n  100% 1000 B of 1000 B\n", console.toString());
    }
}
