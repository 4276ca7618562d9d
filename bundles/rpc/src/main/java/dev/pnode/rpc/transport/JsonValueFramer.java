package dev.pnode.rpc.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream into JSON values without parsing them, so that each can be handled on its own: values may
 * follow each other with or without whitespace or newlines between them (like geth's IPC). Objects and arrays
 * end at their matching bracket (brackets inside strings do not count); any other value ends at whitespace.
 * Works on bytes: every JSON structural character is ASCII and never part of a multi-byte UTF-8 sequence. Scans its
 * own buffer (reads of whatever the stream has, no per-byte calls), so cutting costs a fraction of parsing.
 */
final class JsonValueFramer {

    private static final int INITIAL_BUFFER = 8192;

    private final InputStream in;
    private final int maxBytes;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    /** Unread bytes are {@code buffer[start, end)}. */
    private int start;
    private int end;

    /** @param in read in chunks; need not be buffered */
    JsonValueFramer(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The stream cannot be cut into values any more; the connection must answer and close. */
    static final class FramingException extends Exception {
        private static final long serialVersionUID = 1L;

        FramingException(String message) {
            super(message);
        }
    }

    /**
     * The next value's text, or null when the stream ended between values.
     *
     * @throws FramingException when a value is larger than allowed or the stream ends inside one
     */
    String next() throws IOException, FramingException {
        do {
            while (start < end && isWhitespace(buffer[start])) {
                start++;
            }
        } while (start == end && fill());
        if (start == end) {
            return null;
        }
        byte first = buffer[start];
        boolean nested = first == '{' || first == '[';
        boolean inString = first == '"';
        boolean escaped = false;
        long depth = nested ? 1 : 0;
        int length = 1;
        while (true) {
            if (start + length == end && !fill()) {
                if (!nested && !inString) {
                    return take(length);
                }
                throw new FramingException("the stream ended inside a JSON value after " + length + " bytes");
            }
            byte b = buffer[start + length];
            if (!nested && !inString && first != '"' && isWhitespace(b)) {
                return take(length);
            }
            if (length >= maxBytes) {
                throw new FramingException("request larger than the limit of " + maxBytes + " bytes");
            }
            length++;
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                    if (!nested) {
                        return take(length);
                    }
                }
            } else if (nested) {
                if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if ((b == '}' || b == ']') && --depth == 0) {
                    return take(length);
                }
            }
        }
    }

    private String take(int length) {
        String value = new String(buffer, start, length, StandardCharsets.UTF_8);
        start += length;
        return value;
    }

    /** Reads more after the unread bytes (moving them to the front, growing the buffer); false at the end. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.max(buffer.length + 1L,
                    Math.min(buffer.length * 2L, maxBytes + 1L)));
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
