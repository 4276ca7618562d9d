package dev.pnode.host.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WorkDirectoriesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private WorkDirectories work() {
        return new WorkDirectories(temp.getRoot().toPath().resolve("work"));
    }

    @Test
    public void everyStartGetsAFreshPrivateDirectory() throws IOException {
        WorkDirectories work = work();
        Path first = work.create("helloworld");
        Path second = work.create("helloworld");
        assertNotEquals(first, second);
        assertTrue(first.getFileName().toString().startsWith("helloworld-"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.root())));
    }

    @Test
    public void skipsNamesLeftBehind() throws IOException {
        Files.createDirectories(temp.getRoot().toPath().resolve("work/helloworld-1"));
        Path created = work().create("helloworld");
        assertEquals("helloworld-2", created.getFileName().toString());
    }

    @Test
    public void removesWhatAnEarlierNodeLeftBehind() throws IOException {
        Path stale = Files.createDirectories(temp.getRoot().toPath().resolve("work/helloworld-7/lib"));
        Path readOnly = Files.writeString(stale.resolve("x.jar"), "x");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("r-x------"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--------"));
        assertEquals(1, work().removeStale());
        assertFalse(Files.exists(temp.getRoot().toPath().resolve("work/helloworld-7")));
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
        Path directory = work.create("helloworld");
        Files.createSymbolicLink(directory.resolve("link"), outside);
        work.delete(directory);
        assertFalse(Files.exists(directory));
        assertTrue(Files.exists(precious));
    }

    @Test
    public void aSymlinkedRootIsRefused() throws IOException {
        Path real = temp.newFolder("real").toPath();
        Files.createSymbolicLink(temp.getRoot().toPath().resolve("work"), real);
        assertTrue(assertThrows(IOException.class, () -> work().create("helloworld")).getMessage()
                .contains("symbolic link"));
    }
}
