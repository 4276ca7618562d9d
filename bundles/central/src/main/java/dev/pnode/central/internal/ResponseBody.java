package dev.pnode.central.internal;

import java.io.InputStream;

/**
 * The body of one response (or a {@code file:} file) to copy.
 *
 * @param length  the announced size, or -1 when unknown (a chunked HTTP response)
 * @param abandon drops the connection when the body will not be read to its end, so that a half-read
 *                connection is never reused
 */
record ResponseBody(InputStream stream, long length, Runnable abandon) {
}
