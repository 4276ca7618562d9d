package dev.pnode.host.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WorkDirectoriesTest {

    private static final String KEY = "0123456789abcdef";
    private static final String OTHER_KEY = "fedcba9876543210";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private WorkDirectories work() {
        return new WorkDirectories(temp.getRoot().toPath().resolve("work"));
    }

    private Path workPath(String relative) {
        return temp.getRoot().toPath().resolve("work").resolve(relative);
    }

    @Test
    public void eachZipHasItsOwnPrivateDirectoryUnderThePluginsName() throws IOException {
        WorkDirectories work = work();
        Path directory = work.acquire("helloworld", "1.0.0", KEY);
        assertEquals(workPath("helloworld/1.0.0-" + KEY), directory);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.root())));
        Path cache = work.cacheOf(directory);
        assertEquals(workPath("helloworld/1.0.0-" + KEY + ".cache"), cache);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    }

    /** Two interface keys may name the same plugin zip; their supervisors start them at the same moment. */
    @Test
    public void startsOfTheSamePluginAtOnceShareItsDirectory() throws Exception {
        WorkDirectories work = work();
        int starts = 4;
        ExecutorService threads = Executors.newFixedThreadPool(starts);
        try {
            for (int plugin = 0; plugin < 50; plugin++) {
                String name = "plugin" + plugin;
                CyclicBarrier together = new CyclicBarrier(starts);
                List<Future<Path>> acquired = new ArrayList<>();
                for (int start = 0; start < starts; start++) {
                    acquired.add(threads.submit(() -> {
                        together.await();
                        return work.acquire(name, "1.0.0", KEY);
                    }));
                }
                for (Future<Path> each : acquired) {
                    assertEquals(workPath(name + "/1.0.0-" + KEY), each.get());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    public void removesOtherZipsOfThePluginThatNoProcessUses() throws IOException {
        WorkDirectories work = work();
        Path old = Files.createDirectories(work.acquire("helloworld", "0.9.0", KEY));
        work.cacheOf(old);
        Files.writeString(work.stampOf(old), "recorded");
        Files.writeString(work.servicesOf(old), "proto.PluginGreeting\n");
        Path stillRunning = Files.createDirectories(work.acquire("helloworld", "1.0.0", OTHER_KEY));
        Path current = Files.createDirectories(work.acquire("helloworld", "1.0.0", KEY));
        Path otherPlugin = Files.createDirectories(work.acquire("kvstore", "0.9.0", KEY));
        work.release(old);
        work.release(otherPlugin);
        assertEquals("the old directory, its cache, its stamp and its services", 4,
                work.removeOthers("helloworld", current));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(workPath("helloworld/0.9.0-" + KEY + ".cache")));
        assertFalse(Files.exists(workPath("helloworld/0.9.0-" + KEY + ".stamp")));
        assertFalse(Files.exists(workPath("helloworld/0.9.0-" + KEY + ".services")));
        assertTrue(Files.exists(stillRunning));
        assertTrue(Files.exists(current));
        assertTrue(Files.exists(otherPlugin));
        work.release(stillRunning);
        assertEquals(1, work.removeOthers("helloworld", current));
        assertFalse(Files.exists(stillRunning));
    }

    @Test
    public void stampedKeysAreThoseOfTheVersionsStamps() throws IOException {
        WorkDirectories work = work();
        assertEquals("nothing kept yet", List.of(), work.stampedKeys("helloworld", "1.0.0"));
        Path stamped = work.acquire("helloworld", "1.0.0", KEY);
        Files.writeString(work.stampOf(stamped), "");
        Files.writeString(work.stampOf(work.acquire("helloworld", "1.0.0-rc.1", OTHER_KEY)), "");
        work.acquire("helloworld", "1.0.0", OTHER_KEY);
        Files.writeString(workPath("helloworld/1.0.0-" + KEY.toUpperCase() + ".stamp"), "");
        assertEquals(List.of(KEY), work.stampedKeys("helloworld", "1.0.0"));
        assertEquals(List.of(OTHER_KEY), work.stampedKeys("helloworld", "1.0.0-rc.1"));
        assertEquals(List.of(), work.stampedKeys("other", "1.0.0"));
    }

    @Test
    public void aDirectoryAcquiredTwiceIsInUseUntilBothReleaseIt() throws IOException {
        WorkDirectories work = work();
        Path shared = Files.createDirectories(work.acquire("helloworld", "1.0.0", OTHER_KEY));
        work.acquire("helloworld", "1.0.0", OTHER_KEY);
        Path current = Files.createDirectories(work.acquire("helloworld", "1.0.0", KEY));
        work.release(shared);
        assertEquals(0, work.removeOthers("helloworld", current));
        work.release(shared);
        assertEquals(1, work.removeOthers("helloworld", current));
    }

    @Test
    public void removesWhatAnEarlierNodeOrAnInterruptedExtractionLeftBehindButKeepsExtractions() throws IOException {
        Path oldLayout = Files.createDirectories(workPath("helloworld-7/lib"));
        Files.writeString(oldLayout.getParent().resolve("plugin-meta.json"), "{}");
        Path readOnly = Files.writeString(oldLayout.resolve("x.jar"), "x");
        Files.setPosixFilePermissions(oldLayout, PosixFilePermissions.fromString("r-x------"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--------"));
        Path partial = Files.createDirectories(workPath("helloworld/.partial-123"));
        Path setAside = Files.createDirectories(workPath("helloworld/.stale-abc"));
        Path kept = Files.createDirectories(workPath("helloworld/1.0.0-" + KEY));
        Path keptCache = Files.createDirectories(workPath("helloworld/1.0.0-" + KEY + ".cache"));
        Path keptStamp = Files.writeString(workPath("helloworld/1.0.0-" + KEY + ".stamp"), "recorded");
        Path stampThatIsADirectory = Files.createDirectories(workPath("helloworld/0.9.0-" + KEY + ".stamp"));
        Path keptServices = Files.writeString(workPath("helloworld/1.0.0-" + KEY + ".services"), "proto.Plugin\n");
        Path servicesWritingInterrupted = Files.writeString(workPath("helloworld/.services-123.tmp"), "proto.");
        Files.writeString(workPath("stray-file"), "x");
        assertEquals(6, work().removeStale());
        assertFalse(Files.exists(oldLayout.getParent()));
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(setAside));
        assertFalse(Files.exists(workPath("stray-file")));
        assertTrue(Files.exists(kept));
        assertTrue(Files.exists(keptCache));
        assertTrue(Files.exists(keptStamp));
        assertTrue(Files.exists(keptServices));
        assertFalse(Files.exists(servicesWritingInterrupted));
        assertFalse(Files.exists(stampThatIsADirectory));
    }

    @Test
    public void removingStaleDirectoriesToleratesAMissingRoot() throws IOException {
        assertEquals(0, work().removeStale());
    }

    @Test
    public void deletingNeverFollowsLinks() throws IOException {
        Path outside = temp.newFolder("outside").toPath();
        Path precious = Files.writeString(outside.resolve("precious"), "keep me");
        WorkDirectories work = work();
        Path directory = Files.createDirectories(work.acquire("helloworld", "1.0.0", KEY));
        Files.createSymbolicLink(directory.resolve("link"), outside);
        Path cache = work.cacheOf(directory);
        Path stamp = Files.writeString(work.stampOf(directory), "recorded");
        Path services = Files.writeString(work.servicesOf(directory), "proto.PluginGreeting\n");
        work.delete(directory);
        assertFalse(Files.exists(directory));
        assertFalse(Files.exists(cache));
        assertFalse(Files.exists(stamp));
        assertFalse(Files.exists(services));
        assertTrue(Files.exists(precious));
    }

    @Test
    public void aSymlinkedRootIsRefused() throws IOException {
        Path real = temp.newFolder("real").toPath();
        Files.createSymbolicLink(temp.getRoot().toPath().resolve("work"), real);
        assertTrue(assertThrows(IOException.class, () -> work().acquire("helloworld", "1.0.0", KEY)).getMessage()
                .contains("symbolic link"));
    }

    @Test
    public void aSymlinkedPluginDirectoryIsRefused() throws IOException {
        Path real = temp.newFolder("real").toPath();
        Files.createDirectories(workPath(""));
        Files.createSymbolicLink(workPath("helloworld"), real);
        assertTrue(assertThrows(IOException.class, () -> work().acquire("helloworld", "1.0.0", KEY)).getMessage()
                .contains("symbolic link"));
    }
}
