package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reaping without real orphans; killing a real orphan is in {@link PluginProcessTest}. */
public class OrphanReaperTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path run() {
        return folder.getRoot().toPath().resolve("run");
    }

    @Test
    public void findsNothingInAMissingRunDirectory() {
        assertEquals(0, OrphanReaper.reap(run()));
    }

    @Test
    public void recordsRoundTrip() throws Exception {
        PidRecord record = PidRecord.of(ProcessHandle.current(), "hello world/1", Path.of("/tmp/pnode-x"));
        Path file = record.write(run());
        assertEquals("hello_world_1-" + ProcessHandle.current().pid() + ".pid", file.getFileName().toString());
        assertEquals(record, PidRecord.read(file));
        assertEquals(Optional.of(ProcessHandle.current()), record.liveProcess());
    }

    @Test
    public void neverKillsAProcessWhosePidWasReused() throws Exception {
        Path sockets = SocketDirectory.create();
        Path file = new PidRecord(ProcessHandle.current().pid(), Optional.of(Instant.EPOCH), "reused", sockets)
                .write(run());
        assertEquals(0, OrphanReaper.reap(run()));
        assertTrue(ProcessHandle.current().isAlive());
        assertFalse("stale record is kept", Files.exists(file));
        assertFalse("stale socket directory is kept", Files.exists(sockets));
    }

    @Test
    public void neverKillsAProcessWhoseStartIsUnknown() throws Exception {
        new PidRecord(ProcessHandle.current().pid(), Optional.empty(), "unknown", Path.of("/nonexistent/pnode-1"))
                .write(run());
        assertEquals(0, OrphanReaper.reap(run()));
    }

    @Test
    public void deletesARecordOfAProcessThatIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path file = PidRecord.of(gone.toHandle(), "gone", Path.of("/nonexistent/pnode-2")).write(run());
        assertEquals(0, OrphanReaper.reap(run()));
        assertFalse(Files.exists(file));
    }

    @Test
    public void leavesDirectoriesItDidNotCreateAlone() throws Exception {
        Path precious = folder.newFolder("precious").toPath();
        Files.writeString(precious.resolve("data"), "keep me");
        new PidRecord(999_999_999L, Optional.of(Instant.EPOCH), "forged", precious).write(run());
        OrphanReaper.reap(run());
        assertTrue(Files.exists(precious.resolve("data")));
    }

    @Test
    public void skipsUnreadableRecords() throws Exception {
        Files.createDirectories(run());
        Files.writeString(run().resolve("broken-1.pid"), "pid=notanumber\nlabel=x\nsocketDirectory=/x\n");
        assertEquals(0, OrphanReaper.reap(run()));
        assertThrows(IOException.class, () -> PidRecord.read(run().resolve("broken-1.pid")));
    }
}
