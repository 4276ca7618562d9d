package dev.pnode.sdk;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.pnode.proto.goplugin.GRPCStdioGrpc;
import dev.pnode.proto.goplugin.StdioData;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * go-plugin's {@code plugin.GRPCStdio}: what the plugin writes to System.out and System.err after the handshake
 * goes to the host as {@link StdioData} on one stream. Output waits in a bounded buffer until the host streams
 * it; when the buffer is full new output is dropped (and counted) rather than blocking the plugin, because
 * older hosts never call StreamStdio.
 */
final class StdioForwarder extends GRPCStdioGrpc.GRPCStdioImplBase {

    private static final System.Logger LOG = System.getLogger(StdioForwarder.class.getName());
    private static final StdioData END = StdioData.getDefaultInstance();
    private static final int MAX_BUFFERED_BYTES = 1 << 20;

    private final BlockingQueue<StdioData> pending = new LinkedBlockingQueue<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private final AtomicBoolean streaming = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PrintStream stdout = channelStream(StdioData.Channel.STDOUT);
    private final PrintStream stderr = channelStream(StdioData.Channel.STDERR);

    /** Becomes System.out. */
    PrintStream stdout() {
        return stdout;
    }

    /** Becomes System.err. */
    PrintStream stderr() {
        return stderr;
    }

    long droppedBytes() {
        return droppedBytes.get();
    }

    @Override
    public void streamStdio(Empty request, StreamObserver<StdioData> responseObserver) {
        ServerCallStreamObserver<StdioData> call = (ServerCallStreamObserver<StdioData>) responseObserver;
        if (!streaming.compareAndSet(false, true)) {
            call.onError(Status.FAILED_PRECONDITION
                    .withDescription("stdio is already being streamed to another caller").asRuntimeException());
            return;
        }
        Thread pump = new Thread(() -> pump(call), "pnode-plugin-stdio");
        pump.setDaemon(true);
        call.setOnCancelHandler(pump::interrupt);
        pump.start();
    }

    /** Sends what is buffered, then ends the stream, so a graceful server shutdown is not held up by it. */
    void close() {
        stdout.flush();
        stderr.flush();
        if (closed.compareAndSet(false, true)) {
            pending.add(END);
        }
    }

    private void pump(ServerCallStreamObserver<StdioData> call) {
        try {
            while (true) {
                StdioData data = pending.take();
                if (data == END) {
                    call.onCompleted();
                    return;
                }
                bufferedBytes.addAndGet(-data.getData().size());
                call.onNext(data);
            }
        } catch (InterruptedException e) {
            // the host went away; a host that reconnects may stream again
            streaming.set(false);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stdio stream ended: " + e);
            streaming.set(false);
        }
    }

    private void offer(StdioData.Channel channel, byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (closed.get() || bufferedBytes.addAndGet(length) > MAX_BUFFERED_BYTES) {
            if (!closed.get()) {
                bufferedBytes.addAndGet(-length);
            }
            droppedBytes.addAndGet(length);
            return;
        }
        pending.add(StdioData.newBuilder().setChannel(channel)
                .setData(ByteString.copyFrom(bytes, offset, length)).build());
    }

    private PrintStream channelStream(StdioData.Channel channel) {
        OutputStream chunks = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                offer(channel, bytes, offset, length);
            }
        };
        return new PrintStream(new BufferedOutputStream(chunks, 8192), true, StandardCharsets.UTF_8);
    }
}
