package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelOutboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.SelectStrategy;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class PingAckDeferralTest {

    private static final byte[] REQUEST = {0, 0, 5, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0};

    private EmbeddedChannel channel;
    private Writer http2;

    @Before
    public void setUp() {
        http2 = new Writer();
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(new PingAckDeferral(), http2);
    }

    @After
    public void tearDown() {
        PingAckDeferral.flushHeldOnThisThread();
        channel.finishAndReleaseAll();
    }

    @Test
    public void aPingAckFlushedAloneIsHeld() {
        http2.pingAck(7);
        http2.flush();
        assertNull(channel.readOutbound());
    }

    @Test
    public void aHeldPingAckLeavesWithTheNextWriteAndBeforeIt() {
        http2.pingAck(7);
        http2.flush();
        http2.write(REQUEST);
        http2.flush();
        assertTrue(PingAckDeferral.isPingAck(next()));
        assertEquals(REQUEST.length, next().readableBytes());
        assertNull(channel.readOutbound());
    }

    @Test
    public void flushesAfterReadsWithNothingWrittenKeepItHeld() {
        http2.pingAck(7);
        http2.flush();
        http2.flush();
        http2.flush();
        assertNull(channel.readOutbound());
    }

    @Test
    public void withNoWriteToGoWithItLeavesWhenTheLoopIsAboutToBlock() throws Exception {
        SpinThenBlockStrategy loop = new SpinThenBlockStrategy(TimeUnit.MINUTES.toNanos(1));
        http2.pingAck(7);
        http2.flush();
        loop.calculateStrategy(() -> 0, false); // still spinning: a call may come
        assertNull(channel.readOutbound());
        assertEquals(SelectStrategy.SELECT, new SpinThenBlockStrategy(0).calculateStrategy(() -> 0, false));
        assertTrue(PingAckDeferral.isPingAck(next()));
    }

    @Test
    public void aLoopAboutToBlockFlushesNothingElse() throws Exception {
        http2.pingAck(7);
        http2.flush();
        http2.write(REQUEST);
        http2.flush();
        next().release();
        next().release();
        http2.write(REQUEST); // written, its flush not yet asked for
        new SpinThenBlockStrategy(0).calculateStrategy(() -> 0, false);
        assertNull(channel.readOutbound());
    }

    @Test
    public void otherFramesAreFlushedAtOnce() {
        http2.write(REQUEST);
        http2.flush();
        assertEquals(REQUEST.length, next().readableBytes());
        http2.ping(false, 7); // the node's own PING asks for an answer: not held
        http2.flush();
        assertFalse(PingAckDeferral.isPingAck(next()));
    }

    @Test
    public void recognisesNettysPingAckAndNothingElse() {
        assertTrue(PingAckDeferral.isPingAck(http2.frame(true, 42)));
        assertFalse(PingAckDeferral.isPingAck(http2.frame(false, 42)));
        ByteBuf sameSizeData = Unpooled.wrappedBuffer(new byte[] {0, 0, 8, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8});
        assertFalse(PingAckDeferral.isPingAck(sameSizeData));
        assertFalse(PingAckDeferral.isPingAck("not a buffer"));
    }

    @Test
    public void installsItselfRightAfterTheTlsHandlerAtTheFirstWrite() throws Exception {
        EmbeddedChannel tls = PingAckDeferral.install(new EmbeddedChannel());
        try {
            SslHandler ssl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build().newHandler(tls.alloc());
            tls.pipeline().addLast("tls", ssl); // starts the handshake: its first write
            List<String> names = tls.pipeline().names();
            assertEquals("tls", names.get(0));
            assertTrue(names.get(1), names.get(1).startsWith("PingAckDeferral"));
            assertEquals(3, names.size()); // and the pipeline's tail: the installer has left
        } finally {
            tls.finishAndReleaseAll();
        }
    }

    @Test
    public void withoutTlsItGoesFirst() {
        EmbeddedChannel plain = PingAckDeferral.install(new EmbeddedChannel());
        try {
            plain.writeAndFlush(Unpooled.wrappedBuffer(REQUEST));
            assertTrue(plain.pipeline().names().get(0).startsWith("PingAckDeferral"));
            assertEquals(2, plain.pipeline().names().size());
        } finally {
            plain.finishAndReleaseAll();
        }
    }

    private ByteBuf next() {
        return channel.readOutbound();
    }

    /** Writes as grpc's HTTP/2 handler does, through netty's own frame writer. */
    private static final class Writer extends ChannelOutboundHandlerAdapter {

        private final DefaultHttp2FrameWriter frames = new DefaultHttp2FrameWriter();
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void pingAck(long data) {
            ping(true, data);
        }

        void ping(boolean ack, long data) {
            frames.writePing(ctx, ack, data, ctx.newPromise());
        }

        void write(byte[] bytes) {
            ctx.write(Unpooled.wrappedBuffer(bytes));
        }

        void flush() {
            ctx.flush();
        }

        /** The buffer netty's frame writer makes for a PING. */
        ByteBuf frame(boolean ack, long data) {
            EmbeddedChannel capture = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
            frames.writePing(capture.pipeline().firstContext(), ack, data, capture.newPromise());
            capture.flushOutbound();
            ByteBuf frame = capture.readOutbound();
            capture.close();
            return frame;
        }
    }
}
