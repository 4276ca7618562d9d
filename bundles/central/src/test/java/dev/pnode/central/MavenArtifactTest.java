package dev.pnode.central;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;

public class MavenArtifactTest {

    @Test
    public void parsesKarafsMvnCoordinates() {
        assertEquals(new MavenArtifact("org.example", "helloworld", "1.0.0", "zip", Optional.empty()),
                MavenArtifact.parse("mvn:org.example/helloworld/1.0.0"));
        assertEquals(new MavenArtifact("dev.pnode", "pnode-example-helloworld-java", "0.1.0-SNAPSHOT", "zip",
                Optional.of("plugin")), MavenArtifact.parse("mvn:dev.pnode/pnode-example-helloworld-java/0.1.0-SNAPSHOT/zip/plugin"));
        assertEquals(Optional.of("plugin"), MavenArtifact.parse("mvn:g/a/1//plugin").classifier());
        assertEquals("zip", MavenArtifact.parse("mvn:g/a/1//plugin").type());
    }

    @Test
    public void writesItselfBackAsMvnCoordinates() {
        String text = "mvn:org.example/helloworld/1.0.0/zip/plugin";
        assertEquals(text, MavenArtifact.parse(text).toString());
        assertEquals("mvn:g/a/1/zip", MavenArtifact.zip("g", "a", "1").toString());
    }

    @Test
    public void knowsSnapshots() {
        assertTrue(MavenArtifact.parse("mvn:g/a/1.0.1-SNAPSHOT").isSnapshot());
        assertFalse(MavenArtifact.parse("mvn:g/a/1.0.1").isSnapshot());
    }

    @Test
    public void refusesWhatIsNotMvnCoordinates() {
        assertRefused("is not mvn:groupId/artifactId/version", "org.example:helloworld:1.0.0");
        assertRefused("(2 parts)", "mvn:g/a");
        assertRefused("(6 parts)", "mvn:g/a/1/zip/c/extra");
        assertRefused("Maven groupId '' must be", "mvn:/a/1");
        assertRefused("Maven version '..' must be", "mvn:g/a/..");
        assertRefused("Maven artifactId 'a b' must be", "mvn:g/a b/1");
        assertRefused("Maven groupId 'x..y' must be", "mvn:x..y/a/1");
    }

    @Test
    public void aLayoutWithoutGroupIdNeedsCoordinatesPerPlugin() {
        CentralException e = assertThrows(CentralException.class,
                () -> new MavenLayout(Optional.empty()).artifactOf("helloworld", "1.0.0"));
        assertEquals(CentralException.Failure.CONFIGURATION, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("has no groupId"));
        assertThrows(IllegalArgumentException.class, () -> new MavenLayout(Optional.of("bad group")));
    }

    private static void assertRefused(String expected, String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> MavenArtifact.parse(text)).getMessage();
        assertTrue("expected '" + expected + "' in: " + message, message.contains(expected));
    }
}
