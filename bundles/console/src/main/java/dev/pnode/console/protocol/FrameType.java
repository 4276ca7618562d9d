package dev.pnode.console.protocol;

/** What a frame carries; the first byte of each frame on the wire. */
public enum FrameType {
    /** client to node, first and once: a {@link Hello}. */
    HELLO('H'),
    /** client to node: keyboard bytes, raw (Ctrl-C is byte 3; the node's terminal turns it into an interrupt). */
    INPUT('I'),
    /** client to node: the terminal's new size, columns then rows, two ints. */
    RESIZE('W'),
    /** node to client: bytes for the terminal or standard output. */
    OUTPUT('O'),
    /** node to client: bytes for standard error (a failed {@code --exec} command's message). */
    ERROR_OUTPUT('E'),
    /** node to client, last: the session's exit code, one int. */
    EXIT('X');

    private final byte code;

    FrameType(char code) {
        this.code = (byte) code;
    }

    byte code() {
        return code;
    }

    static FrameType of(int code) throws java.io.IOException {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new java.io.IOException("not a pnode attach frame (type byte " + code + ")");
    }
}
