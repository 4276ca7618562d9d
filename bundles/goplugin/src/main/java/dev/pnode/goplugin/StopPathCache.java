package dev.pnode.goplugin;

import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import io.grpc.InternalKnownTransport;
import io.grpc.InternalMethodDescriptor;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.netty.util.AsciiString;

/**
 * Puts the HTTP/2 path of {@code GRPCController/Shutdown}, the one method the host first calls when it stops a plugin,
 * into grpc-netty's per-method cache before any plugin runs. netty's client stream caches a method's path at the
 * method's first call, through grpc's internal {@link InternalMethodDescriptor}; every other method the host calls has
 * had its first call by the time the callers' call path is compiled, so C2 compiled that path for a cache that is
 * never empty. The node's first stop of a plugin (a reload's old process) then found it empty: the callers' compiled
 * {@code NettyClientStream$Sink.writeHeadersInternal} trapped ({@code speculate_null_check} at bci 13) and was thrown
 * away, and C2 spent ~0.5 s of CPU recompiling their call path beside them, in every node JVM (BENCHMARKS.md, "Figure
 * 3: the first reload of a node, session 19"). The path is what netty would store. It is filled on a thread of its
 * own: in a cold node JVM the stub's method descriptor and netty's {@code AsciiString} take 40-100 ms of class
 * initialisation, which the host's activation (on the node's start path) should not wait for; the callers' call path
 * compiles seconds later.
 */
final class StopPathCache {

    private static final InternalMethodDescriptor NETTY = new InternalMethodDescriptor(
            InternalKnownTransport.NETTY_SHADED);

    private StopPathCache() {
    }

    /** Starts {@link #fill()} on a daemon thread of its own. */
    static void fillInBackground() {
        Thread thread = new Thread(StopPathCache::fill, "pnode-plugin-stop-path");
        thread.setDaemon(true);
        thread.start();
    }

    /** Fills the cache for {@code Shutdown} unless a call already did; safe to call from any thread, any time. */
    static void fill() {
        MethodDescriptor<?, ?> shutdown = GRPCControllerGrpc.getShutdownMethod();
        if (NETTY.geRawMethodName(shutdown) == null) {
            NETTY.setRawMethodName(shutdown, new AsciiString("/" + shutdown.getFullMethodName()));
        }
    }
}
