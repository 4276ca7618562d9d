package dev.pnode.host.manager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gRPC services a kept extraction was found to serve ({@link ServiceCheck}), recorded in the file
 * {@link dev.pnode.host.discovery.WorkDirectories#servicesOf} names beside it, so that a restart of the same zip need
 * not ask the plugin again: its services are a property of its files, which the extractor has just proven to be the
 * zip's, and the check is the first call a cold plugin answers (gRPC reflection: 0.15-0.23 s of a Java plugin's start
 * in a cold node, BENCHMARKS.md "Node startup, session 10"). A changed zip has another key, hence another directory
 * without a record, and is asked again; so is an interface that needs a service the record does not name. A record
 * that cannot be read or written only means asking again.
 */
final class KeptServiceCheck {

    private static final System.Logger LOG = System.getLogger(KeptServiceCheck.class.getName());

    private KeptServiceCheck() {
    }

    /** Whether {@code record} names every one of {@code required}; false when there is no readable record. */
    static boolean covers(Path record, List<String> required) {
        try {
            return Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)
                    && Set.copyOf(Files.readAllLines(record, StandardCharsets.UTF_8)).containsAll(required);
        } catch (IOException e) {
            return false;
        }
    }

    /** Records that the plugin started from the record's directory serves {@code served}, one name per line. */
    static void remember(Path record, Collection<String> served) {
        Path written = null;
        try {
            written = Files.createTempFile(record.getParent(), ".services-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(written, new TreeSet<>(served), StandardCharsets.UTF_8);
            Files.move(written, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not record the services checked in " + record + ": " + e);
        } finally {
            if (written != null) {
                try {
                    Files.deleteIfExists(written);
                } catch (IOException e) {
                    // removeStale deletes it at the next start or stop
                }
            }
        }
    }
}
