package dev.pnode.rpc.http;

import java.io.IOException;
import java.io.InputStream;

/** For tests that talk HTTP/1.1 over a plain socket, byte by byte, to see exactly what the endpoint sends. */
final class RawHttp {

    private RawHttp() {
    }

    /** Reads until what was read ends with {@code end}, or the connection closes; returns what was read. */
    static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            read.append((char) b);
        }
        return read.toString();
    }
}
