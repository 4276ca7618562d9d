package dev.pnode.bench;

import java.io.OutputStream;

/** Discards plugin output the baseline does not need. */
final class OutputSink extends OutputStream {

    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] b, int off, int len) {
    }
}
