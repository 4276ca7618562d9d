package dev.pnode.launcher.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MavenCoordinatesTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    /** equals and hashCode are written out (not the record's): every part counts, as in a record's. */
    @Test
    public void coordinatesAreEqualWhenEveryPartIs() {
        MavenCoordinates scr = new MavenCoordinates("g", "a", "1", "jar", "");
        assertEquals(new MavenCoordinates("g", "a", "1", "jar", ""), scr);
        assertEquals(new MavenCoordinates("g", "a", "1", "jar", "").hashCode(), scr.hashCode());
        for (MavenCoordinates other : List.of(new MavenCoordinates("h", "a", "1", "jar", ""),
                new MavenCoordinates("g", "b", "1", "jar", ""), new MavenCoordinates("g", "a", "2", "jar", ""),
                new MavenCoordinates("g", "a", "1", "xml", ""), new MavenCoordinates("g", "a", "1", "jar", "c"))) {
            assertNotEquals(other, scr);
            assertNotEquals(other.hashCode(), scr.hashCode());
        }
        assertNotEquals(scr, "mvn:g/a/1");
        // as a record's: a part left null compares, it does not throw
        MavenCoordinates noClassifier = new MavenCoordinates("g", "a", "1", "jar", null);
        assertEquals(new MavenCoordinates("g", "a", "1", "jar", null), noClassifier);
        assertNotEquals(new MavenCoordinates("g", "a", "1", "jar", null), scr);
        assertNotEquals(scr, new MavenCoordinates("g", "a", "1", "jar", null));
        assertEquals(new BundleSpec(null, 20, true), new BundleSpec(null, 20, true));
        assertEquals(new BundleSpec(null, 20, true).hashCode(), new BundleSpec(null, 20, true).hashCode());
        BundleSpec bundle = new BundleSpec(scr, 20, true);
        assertEquals(new BundleSpec(new MavenCoordinates("g", "a", "1", "jar", ""), 20, true), bundle);
        assertEquals(new BundleSpec(new MavenCoordinates("g", "a", "1", "jar", ""), 20, true).hashCode(),
                bundle.hashCode());
        for (BundleSpec other : List.of(new BundleSpec(new MavenCoordinates("h", "a", "1", "jar", ""), 20, true),
                new BundleSpec(scr, 21, true), new BundleSpec(scr, 20, false))) {
            assertNotEquals(other, bundle);
            assertNotEquals(other.hashCode(), bundle.hashCode());
        }
    }

    @Test
    public void groupArtifactVersionIsAJarInMavenLayout() throws Exception {
        MavenCoordinates scr = MavenCoordinates.parse("mvn:org.apache.felix/org.apache.felix.scr/2.2.18");

        assertEquals(Path.of("org/apache/felix/org.apache.felix.scr/2.2.18/org.apache.felix.scr-2.2.18.jar"),
                scr.repositoryPath());
        assertEquals("mvn:org.apache.felix/org.apache.felix.scr/2.2.18", scr.toString());
    }

    @Test
    public void typeAndClassifierNameTheFile() throws Exception {
        MavenCoordinates features = MavenCoordinates.parse("mvn:dev.pnode/pnode-features/0.1.0-SNAPSHOT/xml/features");

        assertEquals(Path.of("dev/pnode/pnode-features/0.1.0-SNAPSHOT/pnode-features-0.1.0-SNAPSHOT-features.xml"),
                features.repositoryPath());
        assertEquals("mvn:dev.pnode/pnode-features/0.1.0-SNAPSHOT/xml/features", features.toString());
    }

    @Test
    public void typeWithoutClassifier() throws Exception {
        assertEquals(Path.of("g/a/1/a-1.zip"), MavenCoordinates.parse("mvn:g/a/1/zip").repositoryPath());
    }

    @Test
    public void surroundingWhitespaceIsIgnored() throws Exception {
        assertEquals("mvn:g/a/1", MavenCoordinates.parse("  mvn:g/a/1\n ").toString());
    }

    @Test
    public void rejectsOtherSchemes() {
        assertMessage("file:/tmp/a.jar", "is not a mvn: URL");
        assertMessage("g/a/1", "is not a mvn: URL");
    }

    @Test
    public void rejectsRemoteRepositories() {
        assertMessage("mvn:https://repo1.maven.org/maven2!g/a/1", "remote repository");
    }

    @Test
    public void rejectsTooFewOrTooManyParts() {
        assertMessage("mvn:g/a", "3 to 5 parts");
        assertMessage("mvn:g/a/1/jar/c/extra", "3 to 5 parts");
    }

    @Test
    public void rejectsEmptyAndEscapingParts() {
        assertMessage("mvn:g//1", "invalid part ''");
        assertMessage("mvn:../a/1", "invalid part '..'");
        assertMessage("mvn:g/a/..", "invalid part '..'");
    }

    @Test
    public void rejectsVersionRangesAndFloatingVersions() {
        assertMessage("mvn:g/a/[1,2)", "version ranges are not supported");
        assertMessage("mvn:g/a/LATEST", "exact version");
        assertMessage("mvn:g/a/RELEASE", "exact version");
    }

    @Test
    public void repositoryResolvesAnExistingArtifact() throws Exception {
        Path root = temp.getRoot().toPath();
        Path jar = root.resolve("g/a/1/a-1.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {1});

        assertEquals(jar, new MavenRepository(root).resolve(MavenCoordinates.parse("mvn:g/a/1")));
    }

    @Test
    public void repositoryNamesTheUrlAndThePathOfAMissingArtifact() throws Exception {
        Path root = temp.getRoot().toPath();
        MavenCoordinates missing = MavenCoordinates.parse("mvn:g/a/1");

        FeaturesException error = assertThrows(FeaturesException.class, () -> new MavenRepository(root)
                .resolve(missing));

        assertTrue(error.getMessage(), error.getMessage().contains("mvn:g/a/1"));
        assertTrue(error.getMessage(), error.getMessage().contains(root.resolve("g/a/1/a-1.jar").toString()));
    }

    private static void assertMessage(String url, String expected) {
        FeaturesException error = assertThrows(FeaturesException.class, () -> MavenCoordinates.parse(url));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
        assertTrue(error.getMessage(), error.getMessage().contains(url.strip()));
    }
}
