package dev.pnode.console.protocol;

import java.nio.ByteBuffer;

/** One message: its type and its payload. */
public record Frame(FrameType type, byte[] payload) {

    /** A terminal's new size. */
    public static Frame resize(int columns, int rows) {
        return new Frame(FrameType.RESIZE, ByteBuffer.allocate(8).putInt(columns).putInt(rows).array());
    }

    public static Frame exit(int code) {
        return new Frame(FrameType.EXIT, ByteBuffer.allocate(4).putInt(code).array());
    }

    /** The first int of the payload: an exit code, or a resize's columns. */
    public int firstInt() {
        return ByteBuffer.wrap(payload).getInt(0);
    }

    /** The second int of the payload: a resize's rows. */
    public int secondInt() {
        return ByteBuffer.wrap(payload).getInt(4);
    }
}
