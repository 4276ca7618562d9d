package dev.pnode.host.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The private directories plugins are extracted into, one per plugin zip: {@code <datadir>/work/<name>/<version>-<key>}
 * (mode 0700), where the key is made from the zip's entries (names, sizes, CRCs, times). A directory outlives the
 * process it served, so the next start of the same zip reuses it after {@link ZipExtractor} has checked it against the
 * zip, and the files keep their paths and modification times, which lets a Java plugin keep a class data sharing
 * archive of them. Beside each directory, {@code <version>-<key>.cache} is the plugin's own writable cache (handed to
 * it as {@value dev.pnode.api.PluginProcessVariables#CACHE_DIR}), {@code <version>-<key>.stamp} the
 * {@link ExtractionStamp} of its last check, and {@code <version>-<key>.services} the gRPC services it was found to
 * serve; all go with the directory.
 *
 * <p>A directory is in use from {@link #acquire} until {@link #release}. {@link #removeOthers} deletes a plugin's
 * directories for other zips (older versions, changed zips) that no process uses; {@link #removeStale} deletes, when
 * the host starts or stops, what an interrupted extraction or an earlier pnode layout left behind.
 */
public final class WorkDirectories {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final String CACHE_SUFFIX = ".cache";
    private static final String STAMP_SUFFIX = ".stamp";
    private static final String SERVICES_SUFFIX = ".services";
    /** The files beside an extraction directory that record something about it. */
    private static final List<String> RECORD_SUFFIXES = List.of(STAMP_SUFFIX, SERVICES_SUFFIX);
    /** Everything beside an extraction directory that goes with it: its cache (a directory) and its records. */
    private static final List<String> BESIDE_SUFFIXES = List.of(CACHE_SUFFIX, STAMP_SUFFIX, SERVICES_SUFFIX);
    private static final int KEY_LENGTH = 16;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{" + KEY_LENGTH + "}");
    private static final String PARTIAL_PREFIX = ".partial-";
    private static final String SET_ASIDE_PREFIX = ".stale-";
    /**
     * {@code <version>-<16 hex digits>}, optionally with one of {@link #BESIDE_SUFFIXES}: what is kept under a
     * plugin's name.
     */
    private static final Pattern KEPT = Pattern.compile("[^.].*-[0-9a-f]{" + KEY_LENGTH + "}("
            + BESIDE_SUFFIXES.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")?");
    private static final System.Logger LOG = System.getLogger(WorkDirectories.class.getName());

    private final Path root;
    private final Map<Path, Integer> users = new HashMap<>();
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    /** @param root {@code <datadir>/work} */
    public WorkDirectories(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Marks the directory of plugin {@code name} {@code version} with key {@code key} as used (it need not exist yet)
     * and returns it; its parent exists afterwards.
     */
    Path acquire(String name, String version, String key) throws IOException {
        Path directory = createPrivate(createPrivate(createRoot().resolve(name))).resolve(version + "-" + key);
        synchronized (users) {
            users.merge(directory, 1, Integer::sum);
        }
        return directory;
    }

    /**
     * The keys of plugin {@code name} {@code version}'s directories that have a stamp, i.e. were checked against a
     * zip once; none when nothing of the plugin is kept.
     */
    List<String> stampedKeys(String name, String version) {
        List<String> keys = new ArrayList<>();
        String prefix = version + "-";
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root.resolve(name))) {
            for (Path child : children) {
                String file = child.getFileName().toString();
                if (file.startsWith(prefix) && file.endsWith(STAMP_SUFFIX)
                        && KEY.matcher(file.substring(prefix.length(), file.length() - STAMP_SUFFIX.length())).matches()) {
                    keys.add(file.substring(prefix.length(), prefix.length() + KEY_LENGTH));
                }
            }
        } catch (IOException e) {
            // no directory of the plugin (its first start) or an unreadable one: it is extracted as if new
            return List.of();
        }
        return keys;
    }

    /** The process that used {@code directory} is gone; the directory stays for the next start. */
    public void release(Path directory) {
        synchronized (users) {
            users.computeIfPresent(directory, (path, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Held while a directory is checked or written, so two starts of the same zip never write it at once. */
    Object lockFor(Path directory) {
        return locks.computeIfAbsent(directory, path -> new Object());
    }

    /** The plugin's writable cache beside {@code directory}, created (0700) if missing. */
    Path cacheOf(Path directory) throws IOException {
        return createPrivate(directory.resolveSibling(directory.getFileName() + CACHE_SUFFIX));
    }

    /** The file beside {@code directory} recording how it looked when it was last checked against its zip. */
    Path stampOf(Path directory) {
        return directory.resolveSibling(directory.getFileName() + STAMP_SUFFIX);
    }

    /**
     * The file beside {@code directory} naming the gRPC services a process started from it was found to serve
     * (pnode-host's {@code KeptServiceCheck}).
     */
    public Path servicesOf(Path directory) {
        return directory.resolveSibling(directory.getFileName() + SERVICES_SUFFIX);
    }

    /** A fresh empty directory beside {@code directory} to extract into before it is moved into place. */
    Path partialFor(Path directory) throws IOException {
        return Files.createTempDirectory(directory.getParent(), PARTIAL_PREFIX,
                PosixFilePermissions.asFileAttribute(PRIVATE));
    }

    /**
     * Moves a directory that no longer matches its zip out of the way (a process started from it may still run: it
     * keeps its files), to be deleted by {@link #removeStale}. Its cache stays: it belongs to the zip, not the copy.
     */
    void setAside(Path directory) throws IOException {
        Files.move(directory, directory.resolveSibling(SET_ASIDE_PREFIX + UUID.randomUUID()),
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes plugin {@code name}'s directories (and caches) other than {@code kept} that no process uses: older
     * versions and zips that changed.
     *
     * @return how many were deleted
     */
    public int removeOthers(String name, Path kept) {
        Path parent = root.resolve(name);
        int removed = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
            for (Path child : children) {
                String file = child.getFileName().toString();
                Path directory = directoryOf(child);
                if (!KEPT.matcher(file).matches() || directory.equals(kept) || inUse(directory)) {
                    continue;
                }
                synchronized (lockFor(directory)) {
                    if (!inUse(directory)) {
                        deleteRecursively(child);
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove old extractions of plugin " + name + ": " + e);
        }
        return removed;
    }

    /** The extraction directory a kept entry belongs to: itself, or the directory its cache, stamp or services go with. */
    private static Path directoryOf(Path kept) {
        String file = kept.getFileName().toString();
        for (String suffix : BESIDE_SUFFIXES) {
            if (file.endsWith(suffix)) {
                return kept.resolveSibling(file.substring(0, file.length() - suffix.length()));
            }
        }
        return kept;
    }

    private boolean inUse(Path directory) {
        synchronized (users) {
            return users.containsKey(directory);
        }
    }

    /**
     * Deletes what no process can be using when the host starts or stops: interrupted extractions, directories set
     * aside, and anything that is not a plugin's directory of extractions (e.g. the one-directory-per-start layout of
     * pnode before extractions were kept). Kept extractions are checked against their zip when they are reused.
     *
     * @return how many entries were deleted
     */
    public int removeStale() throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> names = Files.newDirectoryStream(root)) {
            for (Path name : names) {
                if (!Files.isDirectory(name, LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(name.resolve(PluginMeta.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                    deleteRecursively(name);
                    removed++;
                    continue;
                }
                try (DirectoryStream<Path> children = Files.newDirectoryStream(name)) {
                    for (Path child : children) {
                        String file = child.getFileName().toString();
                        boolean keptKind = RECORD_SUFFIXES.stream().anyMatch(file::endsWith)
                                ? Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)
                                : Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                        if (!KEPT.matcher(file).matches() || !keptKind) {
                            deleteRecursively(child);
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    /** Deletes an extraction directory, its cache and its records with everything in them, never following links. */
    public void delete(Path directory) {
        try {
            deleteRecursively(directory);
            for (String suffix : BESIDE_SUFFIXES) {
                deleteRecursively(directory.resolveSibling(directory.getFileName() + suffix));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete plugin directory " + directory + ": " + e);
        }
    }

    private Path createRoot() throws IOException {
        if (Files.isSymbolicLink(root)) {
            throw new IOException(root + " is a symbolic link; the plugin work directory must be a real directory");
        }
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
        }
        Files.setPosixFilePermissions(root, PRIVATE);
        return root;
    }

    private static Path createPrivate(Path directory) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            throw new IOException(directory + " is a symbolic link; plugin directories must be real directories");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (FileAlreadyExistsException e) {
                // another start of the same plugin (a second interface key naming the same zip) made it just now
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
        }
        Files.setPosixFilePermissions(directory, PRIVATE);
        return directory;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            deleteIfPresent(path);
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
