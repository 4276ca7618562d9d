package dev.pnode.deploy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LocationsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void anAbsolutePathBecomesAFileUrl() throws Exception {
        Path jar = Files.createFile(temp.getRoot().toPath().resolve("kv store.jar"));
        assertEquals(jar.toUri().toString(), Locations.toUrl(jar.toString()));
        assertTrue(Locations.toUrl(jar.toString()).startsWith("file:/"));
        assertTrue("spaces are escaped", Locations.toUrl(jar.toString()).endsWith("/kv%20store.jar"));
    }

    @Test
    public void aPathIsNormalized() throws Exception {
        Path jar = Files.createFile(temp.getRoot().toPath().resolve("a.jar"));
        String roundabout = temp.getRoot() + "/sub/../a.jar";
        assertEquals(jar.toUri().toString(), Locations.toUrl(roundabout));
    }

    @Test
    public void aRelativePathResolvesAgainstTheWorkingDirectory() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Path jar = Files.createTempFile(here, "locations-test", ".jar");
        try {
            assertEquals(jar.toUri().toString(), Locations.toUrl(jar.getFileName().toString()));
        } finally {
            Files.delete(jar);
        }
    }

    @Test
    public void urlsArePassedThrough() {
        assertEquals("https://example.org/bundles/kv.jar", Locations.toUrl("https://example.org/bundles/kv.jar"));
        assertEquals("mvn:dev.pnode/pnode-deploy/1.0", Locations.toUrl(" mvn:dev.pnode/pnode-deploy/1.0 "));
    }

    @Test
    public void aMissingFileIsNamed() {
        String missing = temp.getRoot() + "/nothing.jar";
        assertMessage("no such file: " + missing, missing);
    }

    @Test
    public void aMissingFileUrlIsNamed() {
        Path missing = temp.getRoot().toPath().resolve("nothing.jar");
        assertMessage("no such file: " + missing + " (from '" + missing.toUri() + "')", missing.toUri().toString());
    }

    @Test
    public void aDirectoryIsRefused() {
        assertMessage(temp.getRoot() + " is not a file: give the path of a bundle jar", temp.getRoot().toString());
    }

    @Test
    public void nothingGivenAsksForALocation() {
        assertMessage("no LOCATION given: pass the path of a bundle jar or a URL", "");
        assertMessage("no LOCATION given: pass the path of a bundle jar or a URL", null);
    }

    @Test
    public void aBrokenUrlIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Locations.toUrl("http://exa mple.org/kv.jar"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("'http://exa mple.org/kv.jar' is not a valid URL: "));
    }

    @Test
    public void theFileNameIsTheLastPathSegment() {
        assertEquals("kv.jar", Locations.fileName("https://example.org/a/b/kv.jar?token=1#x"));
        assertEquals("kv store.jar", Locations.fileName("file:/tmp/kv%20store.jar"));
    }

    @Test
    public void aUrlWithoutFileNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Locations.fileName("https://example.org/bundles/"));
        assertEquals("cannot tell a file name from https://example.org/bundles/: give a URL or path that ends with"
                + " the jar's name", e.getMessage());
    }

    private static void assertMessage(String expected, String argument) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Locations.toUrl(argument));
        assertEquals(expected, e.getMessage());
    }
}
