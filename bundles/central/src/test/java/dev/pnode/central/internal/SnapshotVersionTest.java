package dev.pnode.central.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import dev.pnode.central.MavenArtifact;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class SnapshotVersionTest {

    private static final MavenArtifact ZIP = MavenArtifact.parse("mvn:g/helloworld/1.0.1-SNAPSHOT");
    private static final MavenArtifact PLUGIN_ZIP = MavenArtifact.parse("mvn:g/helloworld/1.0.1-SNAPSHOT/zip/plugin");

    private static String resolve(String xml, MavenArtifact artifact) throws CentralException {
        return SnapshotVersion.resolve(xml.getBytes(StandardCharsets.UTF_8), "maven-metadata.xml", artifact);
    }

    private static String versions(String entries) {
        return "<metadata><versioning><snapshot><timestamp>20261206.010000</timestamp><buildNumber>3</buildNumber>"
                + "</snapshot><snapshotVersions>" + entries + "</snapshotVersions></versioning></metadata>";
    }

    private static String entry(String extension, String classifier, String value) {
        return "<snapshotVersion>" + (classifier == null ? "" : "<classifier>" + classifier + "</classifier>")
                + "<extension>" + extension + "</extension><value>" + value + "</value></snapshotVersion>";
    }

    @Test
    public void picksTheEntryOfTheTypeAndClassifier() throws Exception {
        String xml = versions(entry("pom", null, "1.0.1-20261206.010000-3") + entry("zip", "plugin", "1.0.1-20261206.020000-4")
                + entry("zip", null, "1.0.1-20261206.030000-5") + entry("zip.asc", null, "1.0.1-x"));

        assertEquals("1.0.1-20261206.030000-5", resolve(xml, ZIP));
        assertEquals("1.0.1-20261206.020000-4", resolve(xml, PLUGIN_ZIP));
    }

    @Test
    public void fallsBackToMaven2sSnapshotTimestamp() throws Exception {
        assertEquals("1.0.1-20261206.010000-3", resolve(versions(""), ZIP));
    }

    @Test
    public void aLocalRepositoryKeepsTheSnapshotName() throws Exception {
        assertEquals("1.0.1-SNAPSHOT", resolve("<metadata><versioning><snapshot><localCopy>true</localCopy>"
                + "</snapshot></versioning></metadata>", ZIP));
    }

    @Test
    public void noMatchingSnapshotIsNotFound() {
        CentralException e = assertThrows(CentralException.class, () -> resolve("<metadata><versioning>"
                + "<snapshotVersions>" + entry("jar", null, "1.0.1-1") + "</snapshotVersions></versioning></metadata>",
                PLUGIN_ZIP));
        assertEquals(Failure.NOT_FOUND, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("lists no snapshot of mvn:g/helloworld/1.0.1-SNAPSHOT/zip/plugin"
                + " (no snapshotVersion with extension zip and classifier plugin"));
    }

    @Test
    public void refusesAVersionThatIsNotPlain() {
        CentralException e = assertThrows(CentralException.class,
                () -> resolve(versions(entry("zip", null, "../../evil")), ZIP));
        assertTrue(e.getMessage(), e.getMessage().contains("names the snapshot '../../evil', which is not a plain version"));
    }

    @Test
    public void refusesDoctypesAndGarbage() {
        String withEntity = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<metadata>&x;</metadata>";
        assertTrue(assertThrows(CentralException.class, () -> resolve(withEntity, ZIP)).getMessage()
                .contains("is not Maven metadata"));
        assertTrue(assertThrows(CentralException.class, () -> resolve("not xml", ZIP)).getMessage()
                .contains("maven-metadata.xml is not Maven metadata"));
    }
}
