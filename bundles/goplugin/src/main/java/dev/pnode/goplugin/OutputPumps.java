package dev.pnode.goplugin;

import dev.pnode.proto.goplugin.GRPCStdioGrpc;
import dev.pnode.proto.goplugin.StdioData;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.HandshakeLine;
import dev.pnode.wire.PluginStartException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Everything one plugin writes, on its way to its {@link PluginOutput}: a thread per pipe (stdout, stderr), the
 * handshake line picked out of stdout (go-plugin's client reads stdout for it the same way), and, once connected,
 * go-plugin's {@code GRPCStdio} stream.
 */
final class OutputPumps {

    private static final Logger LOG = System.getLogger(OutputPumps.class.getName());

    private final String label;
    private final String name;
    private final PluginOutput output;
    private final CompletableFuture<HandshakeLine> handshake;
    private final List<Thread> threads;

    private OutputPumps(String label, PluginOutput output, CompletableFuture<HandshakeLine> handshake,
            Process process) {
        this.label = label;
        this.name = "plugin " + label;
        this.output = output;
        this.handshake = handshake;
        LineSplitter stdout = new LineSplitter(HandshakeLine.MAX_LENGTH, this::onStdoutLine);
        LineSplitter stderr = new LineSplitter(PluginOutput.MAX_LINE_CHARS, output::accept);
        this.threads = List.of(
                pump("stdout", process.getInputStream(), stdout, () -> handshake.completeExceptionally(
                        new PluginStartException(name + " closed its stdout before printing its handshake line"))),
                pump("stderr", process.getErrorStream(), stderr, () -> { }));
    }

    /**
     * Starts reading the process's stdout and stderr.
     *
     * @param handshake completed with the first stdout line containing {@code |}, or exceptionally when that line
     *     is unusable, an overlong line comes first, or stdout ends without one
     */
    static OutputPumps start(String label, PluginOutput output, CompletableFuture<HandshakeLine> handshake,
            Process process) {
        return new OutputPumps(label, output, handshake, process);
    }

    private Thread pump(String stream, InputStream in, LineSplitter splitter, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (in) {
                splitter.pump(in);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "{0}: reading its {1} failed: {2}", name, stream, e);
            } finally {
                atEnd.run();
            }
        }, "pnode-plugin-" + label + "-" + stream);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void onStdoutLine(LineSplitter.Line line) {
        if (handshake.isDone()) {
            output.accept(line);
        } else if (line.truncated()) {
            handshake.completeExceptionally(new HandshakeException("it printed a line longer than "
                    + HandshakeLine.MAX_LENGTH + " bytes before its handshake line: "
                    + HandshakeLine.quote(line.text())));
        } else if (line.text().indexOf('|') >= 0) {
            try {
                handshake.complete(HandshakeLine.parse(line.text()));
            } catch (HandshakeException e) {
                handshake.completeExceptionally(e);
            }
        } else {
            output.accept(line);
        }
    }

    /** Waits up to {@code timeout} each for the pipes to be read to their end (the process ended). */
    void drain(Duration timeout) {
        for (Thread thread : threads) {
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** go-plugin ≥ 1.1 forwards the plugin's own stdout/stderr writes over GRPCStdio; older plugins lack it. */
    void followGrpcStdio(ManagedChannel connected) {
        LineSplitter stdout = new LineSplitter(PluginOutput.MAX_LINE_CHARS, output::accept);
        LineSplitter stderr = new LineSplitter(PluginOutput.MAX_LINE_CHARS, output::accept);
        GRPCStdioGrpc.newStub(connected).streamStdio(com.google.protobuf.Empty.getDefaultInstance(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(StdioData data) {
                        byte[] bytes = data.getData().toByteArray();
                        LineSplitter target = data.getChannel() == StdioData.Channel.STDERR ? stderr : stdout;
                        target.feed(bytes, 0, bytes.length);
                    }

                    @Override
                    public void onError(Throwable error) {
                        stdout.finish();
                        stderr.finish();
                        Status.Code code = Status.fromThrowable(error).getCode();
                        LOG.log(Level.DEBUG, code == Status.Code.UNIMPLEMENTED
                                ? "{0} does not offer GRPCStdio (go-plugin before 1.1); its stdout and stderr pipes "
                                        + "still reach the log"
                                : "{0}: GRPCStdio stream ended: {1}", name, error);
                    }

                    @Override
                    public void onCompleted() {
                        stdout.finish();
                        stderr.finish();
                    }
                });
    }
}
