package dev.pnode.console.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The client's first frame: what it wants and the terminal it has.
 *
 * @param command the one command to run ({@code --exec}); empty for an interactive session
 * @param terminalType the client's {@code TERM}, e.g. {@code xterm-256color}
 * @param columns the terminal's width
 * @param rows the terminal's height
 */
public record Hello(Optional<String> command, String terminalType, int columns, int rows) {

    public Frame toFrame() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(terminalType);
            out.writeInt(columns);
            out.writeInt(rows);
            out.writeBoolean(command.isPresent());
            if (command.isPresent()) {
                out.writeUTF(command.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
        return new Frame(FrameType.HELLO, bytes.toByteArray());
    }

    /** Reads a HELLO frame; anything else is an IOException naming what came instead. */
    public static Hello of(Frame frame) throws IOException {
        if (frame == null || frame.type() != FrameType.HELLO) {
            throw new IOException("expected a HELLO frame, got " + (frame == null ? "nothing" : frame.type()));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame.payload()))) {
            String terminalType = in.readUTF();
            int columns = in.readInt();
            int rows = in.readInt();
            Optional<String> command = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
            return new Hello(command, terminalType, columns, rows);
        }
    }
}
