package dev.pnode.console.protocol;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * Frames over a byte stream: type byte, payload length (int, big-endian), payload. Writes are whole frames,
 * safe from several threads; reads belong to one thread.
 */
public final class FrameStream {

    /** No frame is larger; a longer one means the peer is not speaking this protocol. */
    public static final int MAX_PAYLOAD = 1 << 20;

    private static final int HEADER_BYTES = 5;

    private final DataInputStream in;
    private final OutputStream out;

    public FrameStream(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = out;
    }

    /**
     * Frames over a connected socket channel. Writes go to the channel directly: the streams of
     * {@link Channels} share the channel's blocking lock, so a write would wait for a blocked read to end.
     */
    public static FrameStream over(SocketChannel channel) {
        return new FrameStream(new BufferedInputStream(Channels.newInputStream(channel)), new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        });
    }

    /** The next frame; null when the peer closed the connection between frames. */
    public Frame read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        FrameType frameType = FrameType.of(type);
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new IOException("the connection closed within a frame", e);
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("frame of " + length + " bytes (at most " + MAX_PAYLOAD + ")");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(frameType, payload);
    }

    public void write(Frame frame) throws IOException {
        write(frame.type(), frame.payload(), 0, frame.payload().length);
    }

    /** One frame, handed to the stream in one write. */
    public synchronized void write(FrameType type, byte[] bytes, int offset, int length) throws IOException {
        out.write(ByteBuffer.allocate(HEADER_BYTES + length).put(type.code()).putInt(length)
                .put(bytes, offset, length).array());
        out.flush();
    }

    /** An output stream whose every write is one frame of this type (larger writes are split). */
    public OutputStream outputStream(FrameType type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                for (int start = offset; start < offset + length; start += MAX_PAYLOAD) {
                    FrameStream.this.write(type, bytes, start, Math.min(MAX_PAYLOAD, offset + length - start));
                }
            }
        };
    }
}
