package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.wire.EphemeralCertificate;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A plugin channel's calls end at their deadlines through {@link DeadlineSweep}: checked against a real gRPC server
 * over loopback TCP, as a plugin serves, whose health check answers or hangs as a test tells it to.
 */
public class DeadlineSweepTest {

    private static final EphemeralCertificate HOST = EphemeralCertificate.generate();

    /** What the plugin side saw of each call: the deadline it was sent with, and whether it was cancelled. */
    private final BlockingQueue<SeenCall> seen = new LinkedBlockingQueue<>();
    private volatile boolean hang = true;
    private Server plugin;
    private EventLoopGroup eventLoops;
    private ManagedChannel channel;

    private record SeenCall(Optional<Deadline> deadline, CompletableFuture<Void> cancelled) {
    }

    @Before
    public void connect() throws Exception {
        plugin = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new ScriptedHealth())
                .build().start();
        eventLoops = PluginChannel.oneThread("sweep-test", PluginChannel.nio());
        channel = PluginChannel.open("tcp", "127.0.0.1:" + plugin.getPort(), Optional.empty(), HOST, eventLoops,
                NioSocketChannel.class);
    }

    @After
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        plugin.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    public void aCallThePluginNeverAnswersEndsDeadlineExceededAndThePluginSeesItCancelled() throws Exception {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> check(200));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, failure.getStatus().getCode());
        // the time left when the call was made, rounded up to the millisecond
        assertTrue(failure.getStatus().getDescription(), failure.getStatus().getDescription()
                .matches("deadline exceeded: no answer within (19\\d|200) ms"));
        SeenCall call = seen.take();
        assertEquals("sent without a grpc-timeout header", Optional.empty(), call.deadline());
        call.cancelled().get(30, TimeUnit.SECONDS);
    }

    @Test
    public void callsAfterASweepAreSweptToo() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(Status.Code.DEADLINE_EXCEEDED,
                    assertThrows(StatusRuntimeException.class, () -> check(100)).getStatus().getCode());
        }
    }

    @Test
    public void aShorterDeadlineMadeWhileALongerOneIsInFlightEndsAtItsOwn() throws Exception {
        CompletableFuture<Status> longCall = new CompletableFuture<>();
        HealthGrpc.newStub(channel).withDeadlineAfter(1, TimeUnit.HOURS).check(request(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(HealthCheckResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        longCall.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        longCall.complete(Status.OK);
                    }
                });
        seen.take();
        assertEquals(Status.Code.DEADLINE_EXCEEDED,
                assertThrows(StatusRuntimeException.class, () -> check(200)).getStatus().getCode());
        assertFalse("the hour-long call is still waiting", longCall.isDone());
    }

    @Test
    public void answeredCallsAreNotCancelled() {
        hang = false;
        for (int i = 0; i < 50; i++) {
            assertEquals(ServingStatus.SERVING, check(60_000).getStatus());
        }
    }

    @Test
    public void aCallWhoseDeadlineHasPassedFailsAtOnceWithoutReachingThePlugin() {
        hang = false;
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> HealthGrpc
                .newBlockingStub(channel).withDeadline(Deadline.after(-1, TimeUnit.SECONDS)).check(request()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, failure.getStatus().getCode());
        assertTrue(seen.isEmpty());
    }

    /** The point of the sweep: calls answered in time, back to back, arm one timer between them, not one each. */
    @Test
    public void callsAnsweredInTimeShareOneTimer() throws Exception {
        CountingTimer timer = new CountingTimer();
        String name = InProcessServerBuilder.generateName();
        Server inProcess = InProcessServerBuilder.forName(name).directExecutor().addService(new ScriptedHealth())
                .build().start();
        DeadlineSweep sweep = new DeadlineSweep(timer);
        ManagedChannel swept = InProcessChannelBuilder.forName(name).directExecutor().intercept(sweep).build();
        hang = false;
        try {
            for (int i = 0; i < 100; i++) {
                HealthGrpc.newBlockingStub(swept).withDeadlineAfter(1, TimeUnit.HOURS).check(request());
            }
            assertEquals(1, timer.scheduled.get());
            assertEquals(0, sweep.inFlight());
        } finally {
            swept.shutdownNow();
            inProcess.shutdownNow();
            timer.shutdownNow();
        }
    }

    private HealthCheckResponse check(long deadlineMillis) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .check(request());
    }

    private static HealthCheckRequest request() {
        return HealthCheckRequest.newBuilder().setService("plugin").build();
    }

    /** Answers SERVING, or never answers while {@link #hang} is set; records every call it gets. */
    private final class ScriptedHealth extends HealthGrpc.HealthImplBase {

        private final List<StreamObserver<HealthCheckResponse>> unanswered = new CopyOnWriteArrayList<>();

        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            CompletableFuture<Void> cancelled = new CompletableFuture<>();
            Context.current().addListener(context -> cancelled.complete(null), Runnable::run);
            seen.add(new SeenCall(Optional.ofNullable(Context.current().getDeadline()), cancelled));
            if (hang) {
                unanswered.add(answer);
                return;
            }
            answer.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
            answer.onCompleted();
        }
    }

    private static final class CountingTimer extends ScheduledThreadPoolExecutor {

        final AtomicInteger scheduled = new AtomicInteger();

        CountingTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.incrementAndGet();
            return super.schedule(command, delay, unit);
        }
    }
}
