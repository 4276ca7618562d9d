package dev.pnode.goplugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The private directory a plugin creates its unix socket in ({@code PLUGIN_UNIX_SOCKET_DIR}). It lives under
 * {@code java.io.tmpdir} with a short name because a socket path must fit in {@code sun_path} (108 bytes), which a
 * data directory path often does not.
 */
final class SocketDirectory {

    private static final System.Logger LOG = System.getLogger(SocketDirectory.class.getName());

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

    /**
     * Deletes the unix socket a plugin named in its handshake when it is still there: a plugin that ignored
     * PLUGIN_UNIX_SOCKET_DIR (go-plugin before 1.5) leaves it outside its directory. Only a socket is deleted.
     */
    static void deleteStraySocket(String pluginName, Path socket) {
        try {
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)
                    && Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot delete its socket {1}: {2}", pluginName, socket, e);
        }
    }
}
