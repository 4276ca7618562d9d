package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import com.google.common.util.concurrent.MoreExecutors;
import dev.pnode.wire.EphemeralCertificate;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/**
 * {@link OneWakeUpPerCall}: the callbacks a call's executor gets, driven by hand on a channel that records its calls,
 * and through a real plugin channel ({@link PluginChannel#open}) to a gRPC server over loopback.
 */
public class OneWakeUpPerCallTest {

    private static final MethodDescriptor<String, String> UNARY = method(MethodDescriptor.MethodType.UNARY);

    private final Recorded recorded = new Recorded();
    private final OneWakeUpPerCall interceptor = new OneWakeUpPerCall();

    @Test
    public void aCallAloneGetsItsHeadersAndMessageAtTheMessageAndItsTrailersApart() {
        Started call = start();

        call.listener().onHeaders(new Metadata());
        assertEquals(0, call.tasks().size());
        call.listener().onMessage("answer");
        assertEquals(1, call.tasks().size());
        call.tasks().runAll();
        assertEquals(List.of("headers", "message answer"), call.seen());

        call.listener().onClose(Status.OK, new Metadata());
        assertEquals(1, call.tasks().size());
        call.tasks().runAll();
        assertEquals(List.of("headers", "message answer", "close OK"), call.seen());
    }

    @Test
    public void withAnotherCallInFlightTheWholeAnswerGoesInOneTaskAtTheTrailers() {
        Started first = start();
        Started second = start();

        first.listener().onHeaders(new Metadata());
        first.listener().onMessage("answer");
        assertEquals(0, first.tasks().size());
        first.listener().onClose(Status.OK, new Metadata());
        assertEquals(1, first.tasks().size());
        first.tasks().runAll();
        assertEquals(List.of("headers", "message answer", "close OK"), first.seen());

        assertAnsweredBeforeItsTrailers(second); // the first call's end left it alone in flight
    }

    @Test
    public void aCallThatEndsWithoutAnAnswerIsHandedItsCloseAndNoLongerCounted() {
        Started failed = start();
        Started other = start();

        failed.listener().onClose(Status.UNAVAILABLE, new Metadata());
        failed.tasks().runAll();
        assertEquals(List.of("close UNAVAILABLE"), failed.seen());
        assertAnsweredBeforeItsTrailers(other);
    }

    @Test
    public void theCallItselfRunsItsCallbacksOnTheIoThread() {
        start();
        assertSame(MoreExecutors.directExecutor(), recorded.last().options.getExecutor());
    }

    @Test
    public void streamsAndCallsWithoutAnExecutorOfTheirOwnAreLeftAsTheyAre() {
        Executor callers = new Tasks();
        interceptor.interceptCall(method(MethodDescriptor.MethodType.SERVER_STREAMING),
                CallOptions.DEFAULT.withExecutor(callers), recorded);
        assertSame(callers, recorded.last().options.getExecutor());
        interceptor.interceptCall(UNARY, CallOptions.DEFAULT, recorded);
        assertNull(recorded.last().options.getExecutor());
    }

    @Test
    public void aCallOnGrpcsDirectExecutorIsLeftAsItIs() {
        ClientCall<String, String> call = interceptor.interceptCall(UNARY,
                CallOptions.DEFAULT.withExecutor(MoreExecutors.directExecutor()), recorded);
        ClientCall.Listener<String> listener = new ClientCall.Listener<>() {
        };
        call.start(listener, new Metadata());
        assertSame(listener, recorded.last().listener);
    }

    /**
     * Through a plugin channel, a call alone in flight hands its caller's executor two tasks (headers with the
     * message, then the trailers); grpc-java alone hands over one per callback (six in grpc-java 1.85).
     */
    @Test
    public void aPluginChannelsCallWakesItsCallerOnceForTheAnswerAndOnceForTheTrailers() throws Exception {
        Server plugin = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthGrpc.HealthImplBase() {
                    @Override
                    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
                        answer.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
                        answer.onCompleted();
                    }
                }).build().start();
        EventLoopGroup eventLoops = PluginChannel.oneThread("wake-up-test", PluginChannel.nio());
        ManagedChannel channel = PluginChannel.open("tcp", "127.0.0.1:" + plugin.getPort(), Optional.empty(),
                EphemeralCertificate.generate(), eventLoops, NioSocketChannel.class);
        try {
            for (int i = 0; i < 3; i++) {
                CountingExecutor callers = new CountingExecutor();
                // the future completes at the trailers, in the last task
                HealthCheckResponse answer = ClientCalls.futureUnaryCall(channel.newCall(HealthGrpc.getCheckMethod(),
                        CallOptions.DEFAULT.withExecutor(callers)), HealthCheckRequest.getDefaultInstance())
                        .get(30, TimeUnit.SECONDS);
                assertEquals(ServingStatus.SERVING, answer.getStatus());
                assertEquals("tasks handed to the caller's executor", 2, callers.tasks.get());
            }
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            plugin.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A call alone in flight: its caller gets the headers and message as soon as the message is read. */
    private static void assertAnsweredBeforeItsTrailers(Started call) {
        call.listener().onHeaders(new Metadata());
        call.listener().onMessage("answer");
        call.tasks().runAll();
        assertEquals(List.of("headers", "message answer"), call.seen());
    }

    /** A unary call started through the interceptor, with an executor of its own that runs tasks when told. */
    private Started start() {
        Tasks tasks = new Tasks();
        List<String> seen = new ArrayList<>();
        ClientCall<String, String> call = interceptor.interceptCall(UNARY, CallOptions.DEFAULT.withExecutor(tasks),
                recorded);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata headers) {
                seen.add("headers");
            }

            @Override
            public void onMessage(String message) {
                seen.add("message " + message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                seen.add("close " + status.getCode());
            }
        }, new Metadata());
        return new Started(recorded.last().listener, tasks, seen);
    }

    private record Started(ClientCall.Listener<String> listener, Tasks tasks, List<String> seen) {
    }

    private static MethodDescriptor<String, String> method(MethodDescriptor.MethodType type) {
        MethodDescriptor.Marshaller<String> strings = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(String value) {
                return new ByteArrayInputStream(value.getBytes());
            }

            @Override
            public String parse(InputStream stream) {
                throw new UnsupportedOperationException();
            }
        };
        return MethodDescriptor.<String, String>newBuilder().setType(type).setFullMethodName("test/call")
                .setRequestMarshaller(strings).setResponseMarshaller(strings).build();
    }

    /** A channel whose calls only record their options and the listener they were started with. */
    private static final class Recorded extends Channel {

        private final List<Call> calls = new ArrayList<>();

        Call last() {
            return calls.get(calls.size() - 1);
        }

        @Override
        public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
            Call call = new Call(options);
            calls.add(call);
            @SuppressWarnings("unchecked")
            ClientCall<Q, R> typed = (ClientCall<Q, R>) call;
            return typed;
        }

        @Override
        public String authority() {
            return "test";
        }
    }

    private static final class Call extends ClientCall<String, String> {

        final CallOptions options;
        ClientCall.Listener<String> listener;

        Call(CallOptions options) {
            this.options = options;
        }

        @Override
        public void start(Listener<String> listener, Metadata headers) {
            this.listener = listener;
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void cancel(String message, Throwable cause) {
        }

        @Override
        public void halfClose() {
        }

        @Override
        public void sendMessage(String message) {
        }
    }

    /** A caller's executor that runs its tasks when told. */
    private static final class Tasks implements Executor {

        private final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        int size() {
            return queued.size();
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.remove(0).run();
            }
        }
    }

    /** Runs tasks on the calling thread, counting them. */
    private static final class CountingExecutor implements Executor {

        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            task.run();
        }
    }
}
