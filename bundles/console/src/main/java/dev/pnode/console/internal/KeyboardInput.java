package dev.pnode.console.internal;

import dev.pnode.console.protocol.Frame;
import dev.pnode.console.protocol.FrameStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jline.terminal.Size;

/**
 * The attached client's keyboard, as the input of the session's terminal: the bytes of its INPUT frames. RESIZE
 * frames between them go to a listener; the end of the connection is the end of the stream, reported once.
 */
final class KeyboardInput extends InputStream {

    private static final int MAX_DIMENSION = 10_000;

    private final FrameStream frames;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Consumer<Size> resizeListener = size -> { };
    private volatile Runnable endListener = () -> { };
    private byte[] pending = new byte[0];
    private int offset;

    KeyboardInput(FrameStream frames) {
        this.frames = frames;
    }

    void onResize(Consumer<Size> listener) {
        resizeListener = listener;
    }

    void onEnd(Runnable listener) {
        endListener = listener;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int start, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (offset >= pending.length) {
            Frame frame = nextFrame();
            if (frame == null) {
                if (!ended.getAndSet(true)) {
                    endListener.run();
                }
                return -1;
            }
            switch (frame.type()) {
                case INPUT -> {
                    pending = frame.payload();
                    offset = 0;
                }
                case RESIZE -> resize(frame);
                default -> throw new IOException("pnode attach client sent " + frame.type() + " in a session");
            }
        }
        int count = Math.min(length, pending.length - offset);
        System.arraycopy(pending, offset, buffer, start, count);
        offset += count;
        return count;
    }

    private Frame nextFrame() {
        try {
            return frames.read();
        } catch (IOException e) {
            return null; // closed by either side: the session is over
        }
    }

    private void resize(Frame frame) {
        int columns = frame.firstInt();
        int rows = frame.secondInt();
        if (columns > 0 && rows > 0 && columns <= MAX_DIMENSION && rows <= MAX_DIMENSION) {
            resizeListener.accept(new Size(columns, rows));
        }
    }
}
