package dev.pnode.launcher.attach;

import dev.pnode.console.protocol.Frame;
import dev.pnode.console.protocol.FrameStream;
import dev.pnode.console.protocol.FrameType;
import dev.pnode.console.protocol.Hello;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Optional;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;

/**
 * The client's half of an interactive session, like ssh's: this terminal in raw mode, every key byte sent as it
 * is typed (Ctrl-C too: the node's terminal turns it into an interrupt of the running command), window size
 * changes sent as they happen, the node's output written as it comes. The terminal is restored at the end.
 */
final class TerminalRelay {

    private static final Size FALLBACK_SIZE = new Size(80, 24);

    private final FrameStream frames;

    TerminalRelay(FrameStream frames) {
        this.frames = frames;
    }

    int run() throws IOException {
        // JNI or exec (stty) provider: FFM needs Java 22, JNA and Jansi are not shipped
        try (Terminal terminal = TerminalBuilder.builder().system(true).jni(true).exec(true).ffm(false).jna(false)
                .jansi(false).dumb(false).build()) {
            Attributes original = terminal.enterRawMode();
            try {
                terminal.setAttributes(fullyRaw(terminal.getAttributes()));
                Size size = usable(terminal.getSize());
                frames.write(new Hello(Optional.empty(), terminal.getType(), size.getColumns(), size.getRows())
                        .toFrame());
                terminal.handle(Signal.WINCH, signal -> sendSize(terminal));
                startKeyboardPump(terminal.input());
                return relayOutput(terminal.output());
            } finally {
                terminal.setAttributes(original);
                terminal.flush();
            }
        }
    }

    /** No signals, no echo, no line editing, no CR/NL translation either way: the node's terminal does all that. */
    private static Attributes fullyRaw(Attributes attributes) {
        Attributes raw = new Attributes(attributes);
        raw.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ECHO, LocalFlag.ISIG, LocalFlag.IEXTEN), false);
        raw.setInputFlags(EnumSet.of(InputFlag.IXON, InputFlag.ICRNL, InputFlag.INLCR, InputFlag.IGNCR,
                InputFlag.BRKINT, InputFlag.ISTRIP), false);
        raw.setOutputFlag(OutputFlag.OPOST, false);
        raw.setControlChar(Attributes.ControlChar.VMIN, 1);
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        return raw;
    }

    private static Size usable(Size size) {
        return size.getColumns() > 0 && size.getRows() > 0 ? size : FALLBACK_SIZE;
    }

    private void sendSize(Terminal terminal) {
        Size size = usable(terminal.getSize());
        try {
            frames.write(Frame.resize(size.getColumns(), size.getRows()));
        } catch (IOException e) {
            // the session is ending; the output side reports it
        }
    }

    /** A daemon thread: it may stay blocked on the keyboard after the session ends, and the JVM exits anyway. */
    private void startKeyboardPump(InputStream keyboard) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[1024];
            try {
                for (int read = keyboard.read(buffer); read >= 0; read = keyboard.read(buffer)) {
                    if (read > 0) {
                        frames.write(FrameType.INPUT, buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                // the session ended
            }
        }, "pnode-attach-keyboard");
        pump.setDaemon(true);
        pump.start();
    }

    private int relayOutput(OutputStream screen) throws IOException {
        for (Frame frame = frames.read(); frame != null; frame = frames.read()) {
            switch (frame.type()) {
                case OUTPUT, ERROR_OUTPUT -> {
                    screen.write(frame.payload());
                    screen.flush();
                }
                case EXIT -> {
                    return frame.firstInt();
                }
                default -> throw new IOException("the node sent " + frame.type() + " to a terminal client");
            }
        }
        throw new IOException("the node closed the session (did it stop?)");
    }
}
