package dev.pnode.launcher.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DataDirectoryTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aNewDataDirectoryIsPrivateAndHasItsFolders() throws Exception {
        Path root = temp.getRoot().toPath().resolve("a/b/data");

        DataDirectory.prepare(root);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        for (String folder : new String[] {"logs", "plugins", "deploy"}) {
            assertTrue(folder, Files.isDirectory(root.resolve(folder)));
        }
    }

    @Test
    public void theNodeIdIsAUuidKeptAcrossStarts() throws Exception {
        Path root = temp.getRoot().toPath().resolve("data");

        String first = DataDirectory.prepare(root).nodeId();
        String second = DataDirectory.prepare(root).nodeId();

        assertEquals(first, second);
        assertEquals(first, UUID.fromString(first).toString());
        assertEquals(first, Files.readString(root.resolve("node.id")).strip());
    }

    @Test
    public void aFileInThePlaceOfTheDataDirectoryIsReported() throws Exception {
        Path file = temp.newFile("data").toPath();

        IOException error = assertThrows(IOException.class, () -> DataDirectory.prepare(file));

        assertEquals(file + " exists and is not a directory", error.getMessage());
    }

    @Test
    public void aDamagedNodeIdFileIsReported() throws Exception {
        Path root = temp.getRoot().toPath().resolve("data");
        DataDirectory dataDirectory = DataDirectory.prepare(root);
        Files.writeString(root.resolve("node.id"), "not-a-uuid");

        IOException error = assertThrows(IOException.class, dataDirectory::nodeId);

        assertTrue(error.getMessage(), error.getMessage().contains("does not hold a UUID ('not-a-uuid')"));
    }
}
