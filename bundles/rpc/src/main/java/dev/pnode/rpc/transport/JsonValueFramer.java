package dev.pnode.rpc.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into JSON values without parsing them, so that each can be handled on its own: values may
 * follow each other with or without whitespace or newlines between them (like geth's IPC). Objects and arrays
 * end at their matching bracket (brackets inside strings do not count); any other value ends at whitespace.
 * Works on bytes: every JSON structural character is ASCII and never part of a multi-byte UTF-8 sequence.
 */
final class JsonValueFramer {

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream value = new ByteArrayOutputStream();

    /** @param in should be buffered: it is read byte by byte */
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
        value.reset();
        int first = skipWhitespace();
        if (first < 0) {
            return null;
        }
        append(first);
        if (first == '{' || first == '[') {
            readNested();
        } else if (first == '"') {
            readStringRest();
        } else {
            readUntilWhitespace();
        }
        return value.toString(StandardCharsets.UTF_8);
    }

    private int skipWhitespace() throws IOException {
        int b;
        do {
            b = in.read();
        } while (isWhitespace(b));
        return b;
    }

    private void readNested() throws IOException, FramingException {
        long depth = 1;
        while (depth > 0) {
            int b = read();
            append(b);
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            } else if (b == '"') {
                readStringRest();
            }
        }
    }

    /** After an opening quote: up to and including the closing one, skipping escaped characters. */
    private void readStringRest() throws IOException, FramingException {
        while (true) {
            int b = read();
            append(b);
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                append(read());
            }
        }
    }

    private void readUntilWhitespace() throws IOException, FramingException {
        while (true) {
            int b = in.read();
            if (b < 0 || isWhitespace(b)) {
                return;
            }
            append(b);
        }
    }

    private int read() throws IOException, FramingException {
        int b = in.read();
        if (b < 0) {
            throw new FramingException("the stream ended inside a JSON value after " + value.size() + " bytes");
        }
        return b;
    }

    private void append(int b) throws FramingException {
        if (value.size() >= maxBytes) {
            throw new FramingException("request larger than the limit of " + maxBytes + " bytes");
        }
        value.write(b);
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
