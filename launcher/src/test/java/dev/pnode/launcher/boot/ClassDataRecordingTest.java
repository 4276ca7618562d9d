package dev.pnode.launcher.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ClassDataRecordingTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aBootedNodeMarksItsRecordingForTheNextStart() {
        Path recording = temp.getRoot().toPath().resolve("node-123.jsa.4567");

        Optional<Path> marker = ClassDataRecording.markBooted(recording.toString());

        assertEquals(Optional.of(temp.getRoot().toPath().resolve("node-123.jsa.4567.booted")), marker);
        assertTrue(Files.isRegularFile(marker.get()));
    }

    @Test
    public void withoutARecordingNothingIsWritten() {
        assertFalse(ClassDataRecording.markBooted(null).isPresent());
        assertFalse(ClassDataRecording.markBooted(" ").isPresent());
    }

    @Test
    public void anUnwritableRecordingOnlyCostsTheArchive() {
        Path missingDirectory = temp.getRoot().toPath().resolve("gone/node-123.jsa.4567");

        assertFalse(ClassDataRecording.markBooted(missingDirectory.toString()).isPresent());
    }
}
