package dev.pnode.launcher.boot;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class data sharing recording {@code bin/pnode} asks the JVM for on a node's first start from a distribution
 * ({@code -XX:ArchiveClassesAtExit=FILE -Dpnode.cds.recording=FILE}; the JVM writes FILE as it exits). Once the node
 * has booted, {@link #markBooted} writes {@code FILE.booted}: the next start puts only such a recording in place, never
 * one of a node that failed to boot, whose few classes would be all later starts ever got from the archive.
 */
public final class ClassDataRecording {

    static final String PROPERTY = "pnode.cds.recording";
    static final String BOOTED_SUFFIX = ".booted";

    private static final System.Logger LOG = System.getLogger(ClassDataRecording.class.getName());

    private ClassDataRecording() {
    }

    /** Marks this JVM's recording, if bin/pnode asked for one, as the recording of a node that booted. */
    public static void markBooted() {
        markBooted(System.getProperty(PROPERTY));
    }

    /** @return the marker written, if a recording was named */
    static Optional<Path> markBooted(String recording) {
        if (recording == null || recording.isBlank()) {
            return Optional.empty();
        }
        try {
            Path marker = Path.of(recording + BOOTED_SUFFIX);
            Files.write(marker, new byte[0]);
            return Optional.of(marker);
        } catch (IOException | InvalidPathException e) {
            // only a slower next start: it records again
            LOG.log(Level.WARNING, "cannot mark the class data sharing recording " + recording + ": " + e);
            return Optional.empty();
        }
    }
}
