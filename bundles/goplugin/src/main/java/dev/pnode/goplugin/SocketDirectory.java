package dev.pnode.goplugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The private directory a plugin creates its unix socket in ({@code PLUGIN_UNIX_SOCKET_DIR}). It lives under
 * {@code java.io.tmpdir} with a short name because a socket path must fit in {@code sun_path} (108 bytes), which a
 * data directory path often does not.
 */
final class SocketDirectory {

    static final String PREFIX = "pnode-";

    private SocketDirectory() {
    }

    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    static Path create() throws IOException {
        return Files.createTempDirectory(temporaryDirectory(), PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Deletes the directory and the sockets in it. Only a real directory in java.io.tmpdir whose name we gave it is touched, and
     * nothing below it is followed, so a forged pid record cannot make the host delete anything else.
     */
    static void delete(Path directory) throws IOException {
        Path parent = directory.toAbsolutePath().getParent();
        if (!directory.getFileName().toString().startsWith(PREFIX) || parent == null
                || !parent.equals(temporaryDirectory()) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (NoSuchFileException gone) {
            return;
        }
        Files.deleteIfExists(directory);
    }
}
