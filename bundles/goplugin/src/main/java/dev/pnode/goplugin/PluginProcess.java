package dev.pnode.goplugin;

import dev.pnode.api.GrpcBroker;
import dev.pnode.wire.PluginStartException;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One plugin process from start to kill, like go-plugin's {@code Client}: start is idempotent, kill is safe to
 * call twice (graceful {@code GRPCController/Shutdown}, a grace period, then force).
 */
@ProviderType
public interface PluginProcess extends AutoCloseable {

    /**
     * System property: how many microseconds a plugin channel's I/O thread keeps polling after its last I/O before it
     * blocks (default 200; 0 blocks at once, netty's default). Polling saves the kernel wake-ups of a blocked thread
     * between a call's request and its answer; read when a plugin's channel opens. The bundle's README says why.
     */
    String EVENT_LOOP_SPIN_MICROS_PROPERTY = "pnode.plugin.eventLoopSpinMicros";

    static PluginProcess create(LaunchSpec spec) {
        return new GoPluginProcess(spec);
    }

    /**
     * Starts making the host's AutoMTLS identity for the next plugin start in the background, so that the start
     * does not wait for it, and readies, likewise, what a plugin's stop runs that its calls do not
     * ({@link StopPathCache}). Call it early, e.g. when a plugin host activates; calling it again does nothing while
     * an identity is on its way.
     */
    static void prepareStart() {
        StopPathCache.fillInBackground();
        HostIdentities.prepare();
    }

    /**
     * Starts running the plugin channel's set-up code once in the background, with the identity {@link
     * #prepareStart()} makes, so that the first plugin start finds it warm (about 0.2 s of cold TLS, netty and grpc
     * code in a new JVM). Call it once a plugin start is known to come, e.g. when the settings name a plugin; calling
     * it again, or after a plugin start, does nothing.
     */
    static void warmUpChannel() {
        ChannelWarmUp.NODE.startOnce(HostIdentities::peek);
    }

    /**
     * Keeps the plugin channels' I/O threads in this node from polling between calls ({@link
     * #EVENT_LOOP_SPIN_MICROS_PROPERTY}) until the returned hold is released; they block at once when idle, as
     * netty's do. Take one for a reload, from its start until the replaced process is gone: a polling loop takes the
     * cores the serving plugin and its booting replacement need (the bundle's README).
     *
     * @return releases the hold; releasing it again does nothing
     */
    static Runnable holdChannelPolling() {
        return PollingHolds.take();
    }

    /** Whether a {@link #holdChannelPolling()} hold is taken now. */
    static boolean channelPollingHeld() {
        return PollingHolds.any();
    }

    /**
     * How plugin processes are tied to the host's life on this machine (PR_SET_PDEATHSIG and a process-group
     * sentinel on Linux with util-linux, else nothing, leaving the {@link OrphanReaper} as the fallback), in words
     * for the host's log.
     */
    static String tetherDescription() {
        return ProcessTether.current().describe();
    }

    /**
     * Starts the process, reads and checks its handshake, connects with AutoMTLS and waits for its health service
     * to answer. Idempotent: a second call waits for the first one's outcome. On any failure the process is killed
     * before the exception is thrown.
     */
    void start() throws PluginStartException;

    /**
     * The AutoMTLS channel to the plugin's gRPC server; closed by {@link #kill()}.
     *
     * @throws IllegalStateException before {@link #start()} succeeded
     */
    ManagedChannel channel();

    /**
     * Puts a process started at {@link CpuPriority#BACKGROUND} (or {@link CpuPriority#LOW}, still booting) at the
     * host's CPU priority now: call it before it serves what others wait for. Does nothing otherwise, also when
     * called twice.
     */
    void runAtNormalPriority();

    /** The process id once started. */
    OptionalLong pid();

    /** Completes, with a reason such as {@code "exited with status 2"}, when the process is gone. */
    CompletableFuture<String> exited();

    /** Asks {@code grpc.health.v1.Health/Check} for service {@code "plugin"}. */
    boolean isHealthy(Duration timeout);

    /**
     * go-plugin's {@code GRPCBroker} for this plugin: extra connections negotiated over its
     * {@code plugin.GRPCBroker} stream, closed by {@link #kill()}.
     *
     * @throws IllegalStateException before {@link #start()} succeeded
     */
    GrpcBroker broker();

    /** The latest lines the plugin wrote to stdout, stderr or GRPCStdio, oldest first. */
    List<String> recentOutput(int maxLines);

    /** Stops the plugin: Shutdown RPC, grace period, destroy, force; closes the channel; deletes its socket. */
    void kill();

    @Override
    default void close() {
        kill();
    }
}
