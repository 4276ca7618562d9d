package dev.pnode.logging.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code tail -n N -F} of the node's log file: the last lines, then each new line as it is written, across
 * rotations (the launcher renames {@code pnode.log} to {@code pnode.log.1} and starts a new one).
 */
final class LogFileTail {

    private static final int CHUNK = 64 * 1024;
    static final Duration POLL = Duration.ofMillis(200);

    private final Path file;

    LogFileTail(Path file) {
        this.file = file;
    }

    /** Prints the last {@code lines} lines; returns where the printed part ended, to follow from there. */
    long printLast(int lines, PrintStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            long start = startOfLastLines(channel, end, lines);
            copy(channel, start, end, out);
            return end;
        }
    }

    /** Prints what is appended from {@code position} on, until the thread is interrupted (Ctrl-C). */
    void follow(long position, PrintStream out) throws IOException {
        Object fileKey = fileKey();
        long printed = position;
        ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
        while (!Thread.currentThread().isInterrupted()) {
            Object currentKey = fileKey();
            if (!Objects.equals(currentKey, fileKey)) {
                // rotated: a new file under the same name, read from its start
                fileKey = currentKey;
                printed = 0;
                partialLine.reset();
            }
            if (currentKey != null) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long size = channel.size();
                    if (size < printed) {
                        printed = 0; // truncated
                        partialLine.reset();
                    }
                    printed = copyWholeLines(channel, printed, size, partialLine, out);
                } catch (NoSuchFileException e) {
                    // between the rename and the new file: the next poll sees it
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Object fileKey() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static long startOfLastLines(FileChannel channel, long end, int lines) throws IOException {
        if (lines <= 0) {
            return end;
        }
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        int newlines = 0;
        long position = end;
        // the file's last newline ends the last line; it does not start one
        boolean skipTrailingNewline = true;
        while (position > 0) {
            int length = (int) Math.min(CHUNK, position);
            position -= length;
            buffer.clear().limit(length);
            channel.read(buffer, position);
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    if (skipTrailingNewline && position + i == end - 1) {
                        continue;
                    }
                    if (++newlines == lines) {
                        return position + i + 1;
                    }
                }
            }
            skipTrailingNewline = false;
        }
        return 0;
    }

    private static void copy(FileChannel channel, long from, long to, PrintStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (long position = from; position < to; ) {
            buffer.clear().limit((int) Math.min(CHUNK, to - position));
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            out.write(buffer.array(), 0, read);
            position += read;
        }
        out.flush();
    }

    /** Prints complete lines only; a line still being written waits in {@code partialLine} for its end. */
    private static long copyWholeLines(FileChannel channel, long from, long to, ByteArrayOutputStream partialLine,
            PrintStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = from;
        while (position < to) {
            buffer.clear().limit((int) Math.min(CHUNK, to - position));
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                byte b = buffer.get(i);
                partialLine.write(b);
                if (b == '\n') {
                    out.print(partialLine.toString(StandardCharsets.UTF_8));
                    partialLine.reset();
                }
            }
            position += read;
        }
        out.flush();
        return position;
    }
}
