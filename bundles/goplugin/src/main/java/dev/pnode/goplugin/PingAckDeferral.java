package dev.pnode.goplugin;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelOutboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the answer to a plugin's HTTP/2 PING with the channel's next write instead of on its own. A Go plugin's gRPC
 * server (grpc-go's flow-control estimation, on unless the plugin fixes its windows, which go-plugin does not) sends a
 * PING after each request it reads, and netty acknowledges it at once: one more write of the node and one more
 * read and wake-up of the plugin per call. Held back, the acknowledgement leaves with the next call's request in one
 * TLS record and one write, or, when no call follows, before the channel's event loop blocks
 * ({@link SpinThenBlockStrategy} calls {@link #flushHeldOnThisThread}): within the loop's spin window, which is what a
 * caller's next call takes to come. Only a flush that would send nothing but PING acknowledgements is held; anything
 * else flushes at once, the held acknowledgement with it.
 *
 * <p>Sits between the TLS handler and grpc's HTTP/2 handler, where frames are still plaintext; {@link #install} puts
 * it there (grpc-java builds the pipeline itself and gives no hook into it). Runs on the channel's event loop only,
 * which must use {@link SpinThenBlockStrategy} and be the channel's alone: the plugin's own channel
 * ({@link PluginChannel#connect}), not the broker's connections, which share one loop (one busy connection would keep
 * it from blocking, and another's held answer to a keep-alive PING from leaving in time).
 */
final class PingAckDeferral extends ChannelOutboundHandlerAdapter {

    /** Per event loop thread: the handlers holding an acknowledgement back. */
    private static final ThreadLocal<List<PingAckDeferral>> HOLDING = ThreadLocal.withInitial(ArrayList::new);
    private static final int FRAME_HEADER_BYTES = 9;
    private static final int PING_PAYLOAD_BYTES = 8;
    private static final byte PING = 0x6;
    private static final byte ACK = 0x1;

    /** Since the last flush passed on: whether anything but PING acknowledgements was written. */
    private boolean othersWritten;
    /** Whether PING acknowledgements wait in the pipeline for a flush. */
    private boolean held;
    /** Whether this handler is in its loop's {@link #HOLDING} list. */
    private boolean listed;
    private ChannelHandlerContext context;

    /** Adds the handler to a new channel's pipeline, ahead of grpc's own (which will come after the TLS handler). */
    static <C extends Channel> C install(C channel) {
        channel.pipeline().addFirst(new Installer());
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (isPingAck(msg)) {
            held = true;
        } else {
            othersWritten = true;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (held && !othersWritten) {
            // netty flushes after every read, whether its handlers wrote or not: the acknowledgement stays held
            if (!listed) {
                listed = true;
                HOLDING.get().add(this);
            }
            return;
        }
        othersWritten = false;
        held = false;
        ctx.flush();
    }

    /**
     * Sends the acknowledgements held by the channels of the calling event loop: it is about to block, so no write
     * will take them along.
     */
    static void flushHeldOnThisThread() {
        List<PingAckDeferral> holding = HOLDING.get();
        if (holding.isEmpty()) {
            return;
        }
        List<PingAckDeferral> due = List.copyOf(holding);
        holding.clear();
        for (PingAckDeferral deferral : due) {
            deferral.listed = false;
            if (deferral.held && !deferral.context.isRemoved()) {
                deferral.held = false;
                deferral.othersWritten = false;
                deferral.context.flush();
            }
        }
    }

    /** netty's frame writer writes a PING frame as one buffer: a 9-byte header and the 8-byte payload. */
    static boolean isPingAck(Object msg) {
        if (!(msg instanceof ByteBuf frame) || frame.readableBytes() != FRAME_HEADER_BYTES + PING_PAYLOAD_BYTES) {
            return false;
        }
        int at = frame.readerIndex();
        return frame.getUnsignedMedium(at) == PING_PAYLOAD_BYTES && frame.getByte(at + 3) == PING
                && (frame.getByte(at + 4) & ACK) != 0 && (frame.getInt(at + 5) & 0x7fff_ffff) == 0;
    }

    /**
     * First in a new channel's pipeline: at the channel's first write (the TLS handshake's, or grpc's connection
     * preface without TLS) the TLS handler, if any, is in place, so the deferral goes right after it, and this leaves.
     */
    private static final class Installer extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
            ChannelHandlerContext tls = ctx.pipeline().context(SslHandler.class);
            ctx.pipeline().addAfter(tls != null ? tls.name() : ctx.name(), null, new PingAckDeferral());
            ctx.pipeline().remove(this);
        }
    }
}
