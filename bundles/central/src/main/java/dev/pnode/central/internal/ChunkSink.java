package dev.pnode.central.internal;

import java.io.IOException;

/**
 * Where a transfer puts what it reads: it fills buffers the sink lends out and hands them back filled.
 * A sink's IOException message says what could not be written.
 */
interface ChunkSink {

    /** A buffer to fill, waiting while all of them are in use. */
    byte[] emptyBuffer() throws IOException, InterruptedException;

    /** Takes over the first {@code length} bytes of a buffer from {@link #emptyBuffer()}. */
    void accept(byte[] buffer, int length) throws IOException, InterruptedException;
}
