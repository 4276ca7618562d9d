package dev.pnode.host.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a plugin zip into a private directory, refusing anything hostile before a byte is written: zip-slip and
 * absolute paths, symlinks and special files, duplicate entries, too many entries; and while writing: more bytes
 * than the limit or compression ratio bombs (real bytes are counted, headers are not trusted). Uses Commons
 * Compress so the Unix mode bits survive; the entrypoint is made executable regardless.
 */
public final class ZipExtractor {

    private static final int MAX_META_BYTES = 64 * 1024;
    private static final int UNIX_FILE_TYPE_MASK = 0170000;
    private static final int UNIX_REGULAR_FILE = 0100000;
    private static final int UNIX_DIRECTORY = 0040000;
    private static final int OWNER_EXECUTE = 0100;
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PRIVATE_EXECUTABLE = PRIVATE_DIRECTORY;

    private final ExtractionLimits limits;

    public ZipExtractor(ExtractionLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks the zip and its plugin-meta.json against the expected name and version, then unpacks it into its
     * directory in {@code work}, or reuses that directory when an earlier start left it there and it still holds
     * exactly the zip's files (same names, same bytes, nothing else, no links): known without reading the files when
     * it still looks on disk as its {@link ExtractionStamp} recorded after the last check, compared byte for byte
     * otherwise. A directory that differs is set aside and the zip extracted afresh (into a temporary directory first,
     * moved into place when complete). When the zip itself still looks on disk as the stamp recorded it too, the zip
     * is not even opened: every check of it passed before that stamp was written, and it has not changed since. The
     * directory is acquired in {@code work} for the caller, who releases it when its process is gone.
     */
    public ExtractedPlugin unpack(Path zip, String expectedName, String expectedVersion, WorkDirectories work)
            throws DiscoveryException {
        String zipName = zip.getFileName().toString();
        String zipBefore = ExtractionStamp.describeFiles(List.of(zip)).orElse("");
        try {
            ExtractedPlugin kept = keptExtraction(zipBefore, zipName, expectedName, expectedVersion, work);
            if (kept != null) {
                return kept;
            }
        } catch (IOException e) {
            throw new DiscoveryException(zipName + ": its kept extraction cannot be read: " + e.getMessage(), e);
        }
        checkZipSize(zip, zipName);
        try (ZipFile zipFile = ZipFile.builder().setPath(zip).get()) {
            Checked checked = check(zipFile, zipName, expectedName, expectedVersion);
            Path directory = acquire(work, expectedName, expectedVersion, checked.entries());
            boolean unpacked = false;
            try {
                synchronized (work.lockFor(directory)) {
                    Path entrypoint = directory.resolve(checked.meta().entrypoint());
                    Path stamp = work.stampOf(directory);
                    if (!ExtractionStamp.matches(directory, stamp)) {
                        if (!holdsExactly(zipFile, checked.entries(), directory)) {
                            extractAfresh(zipFile, checked.entries(), zipName, directory, work);
                        }
                        Files.setPosixFilePermissions(entrypoint, PRIVATE_EXECUTABLE);
                    }
                    // the zip is named in the stamp only as it was during the whole check: one written meanwhile
                    // is opened and checked again next time
                    boolean zipUnchanged = zipBefore.equals(ExtractionStamp.describeFiles(List.of(zip)).orElse(""));
                    ExtractionStamp.record(directory, stamp, zipUnchanged ? zipBefore : "");
                    ExtractedPlugin extracted = new ExtractedPlugin(directory, checked.meta(), entrypoint,
                            work.cacheOf(directory));
                    unpacked = true;
                    return extracted;
                }
            } finally {
                if (!unpacked) {
                    work.release(directory);
                }
            }
        } catch (IOException e) {
            throw new DiscoveryException(zipName + ": cannot be read as a zip or unpacked: " + e.getMessage(), e);
        }
    }

    /**
     * The kept extraction whose stamp says it was checked against the zip as it looks now ({@code zip}, its
     * description) and which still looks as it did then, acquired for the caller; null when there is none, and then
     * the zip is opened and checked. Opening the 18 MB Java example's zip cost about 60 ms of a restart's CPU in a
     * cold node JVM, for a result the stamp already holds (BENCHMARKS.md, figure 4, session 17). The meta is read
     * from the extraction, which holds the zip's bytes.
     */
    private static ExtractedPlugin keptExtraction(String zip, String zipName, String name, String version,
            WorkDirectories work) throws IOException, DiscoveryException {
        if (zip.isEmpty()) {
            return null;
        }
        for (String key : work.stampedKeys(name, version)) {
            Path directory = work.acquire(name, version, key);
            boolean kept = false;
            try {
                synchronized (work.lockFor(directory)) {
                    if (ExtractionStamp.matches(directory, work.stampOf(directory), zip)) {
                        String metaSource = zipName + "!" + PluginMeta.FILE_NAME;
                        PluginMeta meta = PluginMeta.parse(Files.readString(directory.resolve(PluginMeta.FILE_NAME),
                                StandardCharsets.UTF_8), metaSource);
                        meta.checkMatches(name, version, metaSource);
                        ExtractedPlugin extracted = new ExtractedPlugin(directory, meta,
                                directory.resolve(meta.entrypoint()), work.cacheOf(directory));
                        kept = true;
                        return extracted;
                    }
                }
            } finally {
                if (!kept) {
                    work.release(directory);
                }
            }
        }
        return null;
    }

    /**
     * Sets aside what is at {@code directory} and writes the zip's entries there: into a temporary directory first,
     * moved into place when complete, so no start ever sees a half-written extraction.
     */
    private void extractAfresh(ZipFile zipFile, List<ZipArchiveEntry> entries, String zipName, Path directory,
            WorkDirectories work) throws IOException, DiscoveryException {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            work.setAside(directory);
        }
        Path partial = work.partialFor(directory);
        try {
            writeEntries(zipFile, entries, zipName, partial);
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            WorkDirectories.deleteRecursively(partial);
        }
    }

    /** A zip's entries, each checked, and its plugin-meta.json, checked against the settings. */
    private record Checked(List<ZipArchiveEntry> entries, PluginMeta meta) {
    }

    private Checked check(ZipFile zipFile, String zipName, String expectedName, String expectedVersion)
            throws IOException, DiscoveryException {
        List<ZipArchiveEntry> entries = checkedEntries(zipFile, zipName);
        String metaSource = zipName + "!" + PluginMeta.FILE_NAME;
        ZipArchiveEntry metaEntry = entries.stream().filter(e -> e.getName().equals(PluginMeta.FILE_NAME))
                .findFirst()
                .orElseThrow(() -> new DiscoveryException(zipName + ": has no " + PluginMeta.FILE_NAME + " at its root"));
        PluginMeta meta = PluginMeta.parse(readMeta(zipFile, metaEntry, metaSource), metaSource);
        meta.checkMatches(expectedName, expectedVersion, metaSource);
        boolean entrypointPresent = entries.stream()
                .anyMatch(e -> !e.isDirectory() && e.getName().equals(meta.entrypoint()));
        if (!entrypointPresent) {
            throw new DiscoveryException(metaSource + ": entrypoint '" + meta.entrypoint()
                    + "' is not a file at the zip root");
        }
        return new Checked(entries, meta);
    }

    /**
     * The zip's directory in {@code work}, named by a key made from every entry's name, size, CRC-32 and time: a
     * changed zip gets another directory. (Not the zip's SHA-256: hashing a 24 MB zip takes 0.4-0.6 s in a cold JVM
     * on the 2-core machine, and the directory is compared byte for byte with the zip before it is used anyway.)
     */
    private static Path acquire(WorkDirectories work, String name, String version, List<ZipArchiveEntry> entries)
            throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer numbers = ByteBuffer.allocate(3 * Long.BYTES);
            for (ZipArchiveEntry entry : entries) {
                digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                numbers.clear();
                numbers.putLong(entry.getSize()).putLong(entry.getCrc()).putLong(entry.getTime());
                digest.update(numbers.array());
            }
            return work.acquire(name, version, HexFormat.of().formatHex(digest.digest(), 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code directory} holds exactly the zip's entries: the same files with the same bytes, nothing else. */
    private static boolean holdsExactly(ZipFile zipFile, List<ZipArchiveEntry> entries, Path directory)
            throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Set<String> expectedFiles = new HashSet<>();
        Set<String> expectedDirectories = new HashSet<>();
        for (ZipArchiveEntry entry : entries) {
            String name = stripTrailingSlash(entry.getName());
            (entry.isDirectory() ? expectedDirectories : expectedFiles).add(name);
            for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
                expectedDirectories.add(name.substring(0, slash));
            }
        }
        Set<String> files = new HashSet<>();
        Set<String> directories = new HashSet<>();
        try (Stream<Path> found = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) found::iterator) {
                if (path.equals(directory)) {
                    continue;
                }
                String name = directory.relativize(path).toString();
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    directories.add(name);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(name);
                } else {
                    return false;
                }
            }
        }
        if (!files.equals(expectedFiles) || !directories.equals(expectedDirectories)) {
            return false;
        }
        for (ZipArchiveEntry entry : entries) {
            if (!entry.isDirectory() && !sameBytes(zipFile, entry, directory.resolve(entry.getName()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBytes(ZipFile zipFile, ZipArchiveEntry entry, Path file) throws IOException {
        if (Files.size(file) != entry.getSize()) {
            return false;
        }
        byte[] expected = new byte[64 * 1024];
        byte[] actual = new byte[expected.length];
        try (InputStream zipped = zipFile.getInputStream(entry);
                InputStream written = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                int read = zipped.readNBytes(expected, 0, expected.length);
                if (written.readNBytes(actual, 0, read) != read
                        || !Arrays.equals(expected, 0, read, actual, 0, read)) {
                    return false;
                }
                if (read < expected.length) {
                    return written.read() < 0;
                }
            }
        }
    }

    /** A zip larger than everything it may unpack is refused before its directory is even read into memory. */
    private void checkZipSize(Path zip, String zipName) throws DiscoveryException {
        try {
            long size = Files.size(zip);
            if (size > limits.maxTotalBytes()) {
                throw new DiscoveryException(zipName + ": is " + size + " bytes, more than the limit of "
                        + limits.maxTotalBytes());
            }
        } catch (IOException e) {
            throw new DiscoveryException(zipName + ": cannot be read: " + e, e);
        }
    }

    /** Every entry, checked for a safe name and type, in the order they are stored. */
    private List<ZipArchiveEntry> checkedEntries(ZipFile zipFile, String zipName) throws DiscoveryException {
        List<ZipArchiveEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ZipArchiveEntry entry : Collections.list(zipFile.getEntriesInPhysicalOrder())) {
            if (entries.size() == limits.maxEntries()) {
                throw new DiscoveryException(zipName + ": has more than " + limits.maxEntries() + " entries");
            }
            String name = entry.getName();
            checkName(name, zipName);
            String where = zipName + ": entry '" + name + "'";
            if (entry.isUnixSymlink()) {
                throw new DiscoveryException(where + " is a symbolic link; plugin zips may not contain links");
            }
            int fileType = entry.getUnixMode() & UNIX_FILE_TYPE_MASK;
            if (fileType != 0 && fileType != UNIX_REGULAR_FILE && fileType != UNIX_DIRECTORY) {
                throw new DiscoveryException(where + " is a special file (mode " + Integer.toOctalString(entry.getUnixMode())
                        + "); only files and directories are allowed");
            }
            if (!names.add(stripTrailingSlash(name))) {
                throw new DiscoveryException(where + " appears more than once");
            }
            if (!entry.isDirectory() && !zipFile.canReadEntryData(entry)) {
                throw new DiscoveryException(where + " is encrypted or uses an unsupported compression method");
            }
            if (entry.getSize() > limits.maxTotalBytes()) {
                throw new DiscoveryException(where + " declares " + entry.getSize() + " bytes, more than the limit of "
                        + limits.maxTotalBytes());
            }
            entries.add(entry);
        }
        return entries;
    }

    private static void checkName(String name, String zipName) throws DiscoveryException {
        String where = zipName + ": entry '" + name + "'";
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new DiscoveryException(zipName + ": has an entry with an empty or invalid name");
        }
        if (name.indexOf('\\') >= 0) {
            throw new DiscoveryException(where + " contains a backslash");
        }
        if (name.startsWith("/") || DRIVE_LETTER.matcher(name).matches()) {
            throw new DiscoveryException(where + " is an absolute path");
        }
        for (String segment : stripTrailingSlash(name).split("/", -1)) {
            if (segment.equals("..")) {
                throw new DiscoveryException(where + " climbs out of the extraction directory ('..')");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw new DiscoveryException(where + " has an empty or '.' path segment");
            }
        }
    }

    private String readMeta(ZipFile zipFile, ZipArchiveEntry entry, String source) throws IOException, DiscoveryException {
        try (InputStream in = zipFile.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_META_BYTES + 1);
            if (bytes.length > MAX_META_BYTES) {
                throw new DiscoveryException(source + " is larger than " + MAX_META_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void writeEntries(ZipFile zipFile, List<ZipArchiveEntry> entries, String zipName, Path directory)
            throws IOException, DiscoveryException {
        Path root = directory.toAbsolutePath().normalize();
        long written = 0;
        for (ZipArchiveEntry entry : entries) {
            Path target = root.resolve(stripTrailingSlash(entry.getName())).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new DiscoveryException(zipName + ": entry '" + entry.getName() + "' resolves outside "
                        + directory);
            }
            try {
                if (entry.isDirectory()) {
                    createPrivateDirectories(root, target);
                } else {
                    createPrivateDirectories(root, target.getParent());
                    written += writeFile(zipFile, entry, target, zipName, limits.maxTotalBytes() - written);
                }
            } catch (IOException e) {
                throw new DiscoveryException(zipName + ": entry '" + entry.getName() + "' cannot be extracted: " + e, e);
            }
        }
    }

    private long writeFile(ZipFile zipFile, ZipArchiveEntry entry, Path target, String zipName, long budget)
            throws IOException, DiscoveryException {
        String where = zipName + ": entry '" + entry.getName() + "'";
        Set<PosixFilePermission> permissions =
                (entry.getUnixMode() & OWNER_EXECUTE) != 0 ? PRIVATE_EXECUTABLE : PRIVATE_FILE;
        Files.createFile(target, PosixFilePermissions.asFileAttribute(permissions));
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long count = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zipFile.getInputStream(entry);
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                count += read;
                if (count > budget) {
                    throw new DiscoveryException(where + " takes the zip past " + limits.maxTotalBytes()
                            + " uncompressed bytes");
                }
                if (count > limits.ratioCheckFloor() && count / compressed > limits.maxCompressionRatio()) {
                    throw new DiscoveryException(where + " expands more than " + limits.maxCompressionRatio()
                            + " times its compressed size (a zip bomb?)");
                }
                out.write(buffer, 0, read);
            }
        }
        // the entry's own time, not the extraction's: a class data sharing archive made from these files stays
        // valid when they are extracted again
        Files.setLastModifiedTime(target, FileTime.fromMillis(entry.getTime()));
        return count;
    }

    private static void createPrivateDirectories(Path root, Path directory) throws IOException {
        if (directory.equals(root) || Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createPrivateDirectories(root, directory.getParent());
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
    }

    private static String stripTrailingSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
