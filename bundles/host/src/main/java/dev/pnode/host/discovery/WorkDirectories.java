package dev.pnode.host.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The private directories plugins are extracted into: {@code <datadir>/work/<key>-<n>}, mode 0700, a fresh one for
 * every start. Whatever an earlier, killed node left behind is removed when the host starts.
 */
public final class WorkDirectories {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final System.Logger LOG = System.getLogger(WorkDirectories.class.getName());

    private final Path root;
    private final AtomicLong counter = new AtomicLong();

    /** @param root {@code <datadir>/work} */
    public WorkDirectories(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Deletes every directory under the root: none can be in use before the host has started a plugin. */
    public int removeStale() throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                deleteRecursively(child);
                removed++;
            }
        }
        return removed;
    }

    /** Creates a fresh, empty, private directory for one start of the plugin configured under {@code key}. */
    public Path create(String key) throws IOException {
        createRoot();
        while (true) {
            Path directory = root.resolve(key + "-" + counter.incrementAndGet());
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE));
                Files.setPosixFilePermissions(directory, PRIVATE);
                return directory;
            } catch (FileAlreadyExistsException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} exists, trying the next number", directory);
            }
        }
    }

    /** Deletes an extraction directory and everything in it, never following links. */
    public void delete(Path directory) {
        try {
            deleteRecursively(directory);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete plugin directory " + directory + ": " + e);
        }
    }

    private void createRoot() throws IOException {
        if (Files.isSymbolicLink(root)) {
            throw new IOException(root + " is a symbolic link; the plugin work directory must be a real directory");
        }
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
        }
        Files.setPosixFilePermissions(root, PRIVATE);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // an extracted plugin may have made its own files read-only; the owner can always regain write access
                Files.setPosixFilePermissions(dir, PRIVATE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfPresent(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                deleteIfPresent(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfPresent(Path path) throws IOException {
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            // a plugin process may still remove its own files while we clean up
        }
    }
}
