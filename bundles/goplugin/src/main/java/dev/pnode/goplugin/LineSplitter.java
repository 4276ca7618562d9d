package dev.pnode.goplugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a plugin's byte stream (a pipe or GRPCStdio chunks) into lines without ever holding more than
 * {@code maxLineBytes} of one line: the rest of an overlong line is counted and dropped, so a plugin printing
 * without newlines cannot exhaust the host's memory.
 */
final class LineSplitter {

    /** One line without its line terminator; {@code droppedBytes} says how much of it did not fit. */
    record Line(String text, long droppedBytes) {

        boolean truncated() {
            return droppedBytes > 0;
        }
    }

    private final int maxLineBytes;
    private final Consumer<Line> onLine;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long droppedBytes;

    LineSplitter(int maxLineBytes, Consumer<Line> onLine) {
        this.maxLineBytes = maxLineBytes;
        this.onLine = onLine;
    }

    void feed(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    /** Emits what is left after the stream ended without a final newline. */
    void finish() {
        if (pending.size() > 0 || droppedBytes > 0) {
            emit();
        }
    }

    /** Reads the stream to its end, then {@link #finish()}es. */
    void pump(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                feed(buffer, 0, n);
            }
        } finally {
            finish();
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        int room = Math.max(0, maxLineBytes - pending.size());
        int kept = Math.min(room, length);
        pending.write(bytes, offset, kept);
        droppedBytes += length - kept;
    }

    private void emit() {
        byte[] bytes = pending.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        Line line = new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), droppedBytes);
        pending.reset();
        droppedBytes = 0;
        onLine.accept(line);
    }
}
