package dev.pnode.deploy.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BundleArchiveTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void identifiesABundleBySymbolicNameAndVersion() throws IOException {
        Path jar = TestJars.bundle(temp.getRoot().toPath().resolve("kv.jar"), "dev.pnode.kv;singleton:=true", "1.2.3");
        assertEquals("dev.pnode.kv 1.2.3", BundleArchive.identify(jar, "kv.jar"));
    }

    @Test
    public void aJarWithoutSymbolicNameIsNotABundle() throws IOException {
        Path jar = TestJars.plainJar(temp.getRoot().toPath().resolve("plain.jar"));
        assertMessage("file:/x/plain.jar is not an OSGi bundle: its manifest has no Bundle-SymbolicName", jar,
                "file:/x/plain.jar");
    }

    @Test
    public void aFileThatIsNotAJarIsNotABundle() throws IOException {
        Path text = Files.writeString(temp.getRoot().toPath().resolve("notes.jar"), "not a zip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleArchive.identify(text, "notes.jar"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("notes.jar is not a bundle: it is not a readable jar ("));
    }

    @Test
    public void aHalfWrittenJarIsNotABundle() throws IOException {
        Path whole = TestJars.bundle(temp.getRoot().toPath().resolve("whole.jar"), "dev.pnode.kv", "1.0.0");
        byte[] bytes = Files.readAllBytes(whole);
        Path half = Files.write(temp.getRoot().toPath().resolve("half.jar"),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleArchive.identify(half, "half.jar"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("half.jar is not a bundle: it is not a readable jar"));
    }

    @Test
    public void downloadsIntoANonJarTemporaryFile() throws IOException {
        Path source = TestJars.bundle(temp.getRoot().toPath().resolve("kv.jar"), "dev.pnode.kv", "1.0.0");
        Path into = temp.newFolder("into").toPath();

        Path copy = BundleArchive.download(source.toUri().toString(), into);

        assertEquals(into, copy.getParent());
        assertFalse(copy.getFileName().toString().endsWith(".jar"));
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy));
    }

    @Test
    public void aDownloadThatFailsLeavesNothingBehind() throws IOException {
        Path into = temp.newFolder("into").toPath();
        String missing = temp.getRoot().toPath().resolve("missing.jar").toUri().toString();

        IOException e = assertThrows(IOException.class, () -> BundleArchive.download(missing, into));

        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot read " + missing + ": "));
        try (var left = Files.list(into)) {
            assertEquals(0, left.count());
        }
    }

    private static void assertMessage(String expected, Path jar, String shownAs) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleArchive.identify(jar, shownAs));
        assertEquals(expected, e.getMessage());
    }
}
