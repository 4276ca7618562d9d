package dev.pnode.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * After the start, whether the JVM really mapped the class data sharing archive the launch script named (system
 * property {@value #ARCHIVE_PROPERTY}). The script starts the JVM with {@code -Xshare:auto}, so an archive the JVM
 * cannot use (made by another JDK build than the script's key could tell, damaged, or for other jars) is ignored with
 * a warning and the plugin starts without it. This check then deletes it, so that the next start trains a new one
 * instead of ignoring the same file forever. The proof of use is the archive among the process's file mappings.
 */
final class SharedArchiveCheck {

    /** System property the launch script sets to the archive it passed in {@code -XX:SharedArchiveFile}. */
    static final String ARCHIVE_PROPERTY = "pnode.plugin.cds.archive";
    private static final String DELETED = " (deleted)";
    private static final Path OWN_MAPPINGS = Path.of("/proc/self/maps");
    private static final System.Logger LOG = System.getLogger(SharedArchiveCheck.class.getName());

    private SharedArchiveCheck() {
    }

    /** Deletes the named archive when this JVM did not map it; nothing when none is named or mappings are unknown. */
    static void afterStart() {
        Optional<Path> archive = Optional.ofNullable(System.getProperty(ARCHIVE_PROPERTY))
                .filter(name -> !name.isBlank()).map(Path::of);
        if (archive.isEmpty() || !Files.exists(archive.get()) || !Files.isReadable(OWN_MAPPINGS)) {
            return;
        }
        try {
            if (!isMapped(archive.get().toRealPath(), Files.readAllLines(OWN_MAPPINGS))) {
                discard(archive.get());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read " + OWN_MAPPINGS + ": " + e);
        }
    }

    /**
     * True when one of the {@code /proc/<pid>/maps} lines maps {@code archive} (its real path), also when another
     * start's training has replaced the file since (the kernel then adds " (deleted)").
     */
    static boolean isMapped(Path archive, List<String> mappings) {
        String path = " " + archive;
        return mappings.stream().anyMatch(line -> line.endsWith(path) || line.endsWith(path + DELETED));
    }

    static void discard(Path archive) {
        try {
            if (Files.deleteIfExists(archive)) {
                LOG.log(System.Logger.Level.WARNING, "class data sharing archive " + archive + " was not used by this"
                        + " JVM (made by another JDK, for other jars, or damaged: the JVM's warning above says which);"
                        + " deleted it, the next start makes a new one");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "class data sharing archive " + archive + " was not used by this"
                    + " JVM and cannot be deleted (" + e + "); starts keep running without it");
        }
    }
}
