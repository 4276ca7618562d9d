package dev.pnode.host.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a kept extraction looked like on disk right after it was written from its zip or compared with it byte for
 * byte: every path in it with its size, mode, modification time, change time, inode and device. Writing a file,
 * replacing, renaming, adding or removing one, or changing a mode sets the change time of what was touched (and
 * only the kernel sets it), so while the directory still looks exactly as recorded it holds the bytes that were
 * checked, and the next start skips the byte comparison (128-208 ms for the Go example in a cold node JVM, most of
 * the reuse's cost). The security argument (who could defeat it, and why that gives them nothing new) is in the
 * bundle's README, "Extractions are kept between starts". The stamp begins with the same description of the zip
 * the directory was checked against, when the zip did not change during the check: while both still look so, the
 * next start does not even open the zip ({@link ZipExtractor}). The same description of single files tells an
 * installed zip's digest re-check whether the zip and its digest record changed since it last passed ({@link
 * CentralPluginSource#verifyInstalled}).
 */
final class ExtractionStamp {

    private static final String ATTRIBUTES = "unix:size,mode,lastModifiedTime,ctime,ino,dev";
    private static final int DIRECTORY_TYPE_MASK = 0170000;
    private static final int DIRECTORY_TYPE = 0040000;

    private ExtractionStamp() {
    }

    /**
     * Whether {@code directory} looks exactly as {@code stamp} recorded it, whatever zip it was checked against;
     * false when either cannot be read. The directory's description always begins with its own line, whose name is
     * empty, so the zip's line before it (a file name, never empty) cannot run into it.
     */
    static boolean matches(Path directory, Path stamp) {
        try {
            String recorded = read(stamp);
            return recorded != null && recorded.endsWith(describe(directory));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // a directory changing while it is walked, or a file system without Unix attributes: compare the bytes
            return false;
        }
    }

    /**
     * Whether {@code directory} looks exactly as {@code stamp} recorded it and was checked against a zip that looked
     * as {@code zip} describes it ({@link #describeFiles}); false when either cannot be read.
     */
    static boolean matches(Path directory, Path stamp, String zip) {
        try {
            return !zip.isEmpty() && holds(stamp, zip + describe(directory));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Records how {@code directory} looks now, which the caller has just checked against a zip that looked as
     * {@code zip} describes it both before and after the check (empty when it changed meanwhile or cannot be
     * described); without Unix file attributes nothing is recorded and every start compares the bytes.
     */
    static void record(Path directory, Path stamp, String zip) throws IOException {
        String description;
        try {
            description = describe(directory);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            Files.deleteIfExists(stamp);
            return;
        }
        write(zip + description, stamp);
    }

    /**
     * How the files look now, each as one line of a directory's stamp (with its name in its directory), for a check
     * of files that lie beside others ({@link CentralPluginSource}'s digest re-check); empty without Unix file
     * attributes or when one is missing.
     */
    static Optional<String> describeFiles(List<Path> files) {
        List<String> lines = new ArrayList<>();
        try {
            for (Path file : files) {
                describeInto(file.getParent(), file, lines);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(joined(lines));
    }

    /** Whether {@code stamp} holds {@code description}; false when it cannot be read. */
    static boolean holds(Path stamp, String description) {
        return description.equals(read(stamp));
    }

    /** What {@code stamp} holds; null when it is missing, not a plain file or unreadable. */
    private static String read(Path stamp) {
        try {
            return Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS)
                    ? Files.readString(stamp, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes {@code description} to {@code stamp} atomically (a temporary file beside it, then a rename). */
    static void write(String description, Path stamp) throws IOException {
        Path written = Files.createTempFile(stamp.getParent(), ".stamp-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(written, description, StandardCharsets.UTF_8);
            Files.move(written, stamp, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /**
     * Plain loops and appends, no streams, lambdas or string concatenation: this runs once per start in a cold node
     * JVM, where bootstrapping those cost more than the file system calls (a stream-based first version took about
     * 190 ms cold against about 1 ms warm).
     */
    private static String describe(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        describeInto(directory, directory, lines);
        Collections.sort(lines);
        return joined(lines);
    }

    private static String joined(List<String> lines) {
        StringBuilder description = new StringBuilder();
        for (String line : lines) {
            description.append(line);
        }
        return description.toString();
    }

    private static void describeInto(Path directory, Path path, List<String> lines) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        // names cannot hold a NUL and the numbers no newline: every description reads back one way only
        lines.add(new StringBuilder().append(directory.relativize(path)).append('\0')
                .append(attributes.get("size")).append(' ').append(Integer.toOctalString(mode)).append(' ')
                .append(nanos(attributes.get("lastModifiedTime"))).append(' ').append(nanos(attributes.get("ctime")))
                .append(' ').append(attributes.get("ino")).append(' ').append(attributes.get("dev")).append('\n')
                .toString());
        if ((mode & DIRECTORY_TYPE_MASK) == DIRECTORY_TYPE) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    describeInto(directory, child, lines);
                }
            }
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
