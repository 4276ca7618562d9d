package dev.pnode.host.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a kept extraction looked like on disk right after it was written from its zip or compared with it byte for
 * byte: every path in it with its size, mode, modification time, change time, inode and device. Writing a file,
 * replacing, renaming, adding or removing one, or changing a mode sets the change time of what was touched (and
 * only the kernel sets it), so while the directory still looks exactly as recorded it holds the bytes that were
 * checked, and the next start skips the byte comparison (128-208 ms for the Go example in a cold node JVM, most of
 * the reuse's cost). The security argument (who could defeat it, and why that gives them nothing new) is in the
 * bundle's README, "Extractions are kept between starts".
 */
final class ExtractionStamp {

    private static final String ATTRIBUTES = "unix:size,mode,lastModifiedTime,ctime,ino,dev";

    private ExtractionStamp() {
    }

    /** Whether {@code directory} looks exactly as {@code stamp} recorded it; false when either cannot be read. */
    static boolean matches(Path directory, Path stamp) {
        try {
            return Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS)
                    && Files.readString(stamp, StandardCharsets.UTF_8).equals(describe(directory));
        } catch (IOException | UncheckedIOException | UnsupportedOperationException | IllegalArgumentException e) {
            // a directory changing while it is walked, or a file system without Unix attributes: compare the bytes
            return false;
        }
    }

    /**
     * Records how {@code directory} looks now, which the caller has just checked against its zip; without Unix file
     * attributes nothing is recorded and every start compares the bytes.
     */
    static void record(Path directory, Path stamp) throws IOException {
        String description;
        try {
            description = describe(directory);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            Files.deleteIfExists(stamp);
            return;
        }
        Path written = Files.createTempFile(stamp.getParent(), ".stamp-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(written, description, StandardCharsets.UTF_8);
            Files.move(written, stamp, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static String describe(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.map(path -> line(directory, path)).sorted().collect(Collectors.joining());
        }
    }

    private static String line(Path directory, Path path) {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            // names cannot hold a NUL and the numbers no newline: every description reads back one way only
            return directory.relativize(path) + "\0" + attributes.get("size") + " "
                    + Integer.toOctalString((Integer) attributes.get("mode")) + " "
                    + nanos(attributes.get("lastModifiedTime")) + " " + nanos(attributes.get("ctime")) + " "
                    + attributes.get("ino") + " " + attributes.get("dev") + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
