package dev.pnode.host.discovery;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ExtractionStampTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path directory;
    private Path stamp;

    @Before
    public void recordADirectory() throws Exception {
        directory = temp.newFolder("helloworld-1.0.0").toPath();
        Files.createDirectory(directory.resolve("lib"));
        Files.writeString(directory.resolve("lib/p.jar"), "jar");
        Files.writeString(directory.resolve("plugin-meta.json"), "{}");
        stamp = temp.getRoot().toPath().resolve("helloworld-1.0.0.stamp");
        ExtractionStamp.record(directory, stamp, "");
    }

    @Test
    public void anUntouchedDirectoryMatches() {
        assertTrue(ExtractionStamp.matches(directory, stamp));
        assertTrue(ExtractionStamp.matches(directory, stamp));
    }

    @Test
    public void aFileRewrittenWithItsSizeAndTimePutBackDoesNotMatch() throws Exception {
        Path jar = directory.resolve("lib/p.jar");
        FileTime time = Files.getLastModifiedTime(jar);
        Files.writeString(jar, "jaR");
        Files.setLastModifiedTime(jar, time);
        assertFalse("the change time still tells", ExtractionStamp.matches(directory, stamp));
    }

    @Test
    public void aFileReplacedByAnotherDoesNotMatch() throws Exception {
        Path jar = directory.resolve("lib/p.jar");
        FileTime time = Files.getLastModifiedTime(jar);
        Path other = Files.writeString(temp.newFile("other.jar").toPath(), "jar");
        Files.setLastModifiedTime(other, time);
        Files.move(other, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertFalse(ExtractionStamp.matches(directory, stamp));
    }

    @Test
    public void anAddedFileDoesNotMatch() throws Exception {
        Files.writeString(directory.resolve("lib/extra.jar"), "x");
        assertFalse(ExtractionStamp.matches(directory, stamp));
    }

    @Test
    public void aFileAddedAndRemovedAgainDoesNotMatch() throws Exception {
        Files.delete(Files.writeString(directory.resolve("lib/extra.jar"), "x"));
        assertFalse("the directory's own times tell", ExtractionStamp.matches(directory, stamp));
    }

    @Test
    public void aChangedModeDoesNotMatch() throws Exception {
        Files.setPosixFilePermissions(directory.resolve("lib/p.jar"), PosixFilePermissions.fromString("rwx------"));
        assertFalse(ExtractionStamp.matches(directory, stamp));
    }

    @Test
    public void aMissingOrForeignStampDoesNotMatch() throws Exception {
        Files.delete(stamp);
        assertFalse(ExtractionStamp.matches(directory, stamp));
        Files.writeString(stamp, "lib/p.jar\0" + "3 100600 0 0 0 0\n");
        assertFalse(ExtractionStamp.matches(directory, stamp));
        Files.delete(stamp);
        Files.createDirectory(stamp);
        assertFalse(ExtractionStamp.matches(directory, stamp));
    }

    @Test
    public void aStampNamingItsZipMatchesThatZipOnlyAndTheDirectoryForAnyZip() throws Exception {
        Path zip = Files.writeString(temp.getRoot().toPath().resolve("helloworld-1.0.0.zip"), "zip");
        String described = ExtractionStamp.describeFiles(List.of(zip)).orElseThrow();
        ExtractionStamp.record(directory, stamp, described);
        assertTrue(ExtractionStamp.matches(directory, stamp, described));
        assertTrue("a zip copied over with the same files may still reuse the directory",
                ExtractionStamp.matches(directory, stamp));
        Files.writeString(zip, "zip, rewritten");
        assertFalse(ExtractionStamp.matches(directory, stamp,
                ExtractionStamp.describeFiles(List.of(zip)).orElseThrow()));
        assertFalse("no zip is no zip", ExtractionStamp.matches(directory, stamp, ""));
    }

    @Test
    public void aStampWithoutItsZipMatchesNoZip() {
        assertTrue(ExtractionStamp.matches(directory, stamp));
        assertFalse(ExtractionStamp.matches(directory, stamp, ""));
    }

    @Test
    public void aChangedDirectoryDoesNotMatchItsUnchangedZip() throws Exception {
        Path zip = Files.writeString(temp.getRoot().toPath().resolve("helloworld-1.0.0.zip"), "zip");
        String described = ExtractionStamp.describeFiles(List.of(zip)).orElseThrow();
        ExtractionStamp.record(directory, stamp, described);
        Files.writeString(directory.resolve("lib/extra.jar"), "x");
        assertFalse(ExtractionStamp.matches(directory, stamp, described));
    }

    @Test
    public void aMissingDirectoryDoesNotMatch() throws Exception {
        WorkDirectories.deleteRecursively(directory);
        assertFalse(ExtractionStamp.matches(directory, stamp));
    }
}
