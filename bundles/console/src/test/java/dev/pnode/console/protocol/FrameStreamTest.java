package dev.pnode.console.protocol;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.Test;

public class FrameStreamTest {

    @Test
    public void framesComeOutAsTheyWentIn() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameStream writer = new FrameStream(inputOf(new byte[0]), wire);
        writer.write(new Hello(Optional.of("plugin:list"), "xterm", 120, 40).toFrame());
        writer.write(Frame.resize(100, 30));
        writer.outputStream(FrameType.OUTPUT).write("héllo".getBytes(StandardCharsets.UTF_8));
        writer.write(Frame.exit(3));

        FrameStream reader = new FrameStream(inputOf(wire.toByteArray()), OutputStream.nullOutputStream());
        assertEquals(new Hello(Optional.of("plugin:list"), "xterm", 120, 40), Hello.of(reader.read()));
        Frame resize = reader.read();
        assertEquals(FrameType.RESIZE, resize.type());
        assertEquals(100, resize.firstInt());
        assertEquals(30, resize.secondInt());
        Frame output = reader.read();
        assertEquals("héllo", new String(output.payload(), StandardCharsets.UTF_8));
        assertEquals(3, reader.read().firstInt());
        assertNull("the end of the stream between frames", reader.read());
    }

    @Test
    public void anInteractiveHelloCarriesNoCommand() throws Exception {
        Hello hello = new Hello(Optional.empty(), "screen-256color", 80, 24);

        assertEquals(hello, Hello.of(hello.toFrame()));
    }

    @Test
    public void aConnectionThatIsNotThisProtocolIsRefused() {
        IOException notOurs = assertThrows(IOException.class,
                () -> new FrameStream(inputOf("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)),
                        OutputStream.nullOutputStream()).read());
        assertTrue(notOurs.getMessage(), notOurs.getMessage().contains("not a pnode attach frame"));

        byte[] huge = ByteBuffer.allocate(5).put((byte) 'I').putInt(FrameStream.MAX_PAYLOAD + 1).array();
        IOException tooLarge = assertThrows(IOException.class,
                () -> new FrameStream(inputOf(huge), OutputStream.nullOutputStream()).read());
        assertTrue(tooLarge.getMessage(), tooLarge.getMessage().contains("at most " + FrameStream.MAX_PAYLOAD));

        byte[] cut = Arrays.copyOf(ByteBuffer.allocate(9).put((byte) 'I').putInt(4).array(), 7);
        assertThrows(IOException.class,
                () -> new FrameStream(inputOf(cut), OutputStream.nullOutputStream()).read());
    }

    @Test
    public void aSessionMustStartWithHello() throws Exception {
        IOException error = assertThrows(IOException.class, () -> Hello.of(Frame.exit(0)));
        assertTrue(error.getMessage(), error.getMessage().contains("expected a HELLO frame, got EXIT"));
    }

    private static ByteArrayInputStream inputOf(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
