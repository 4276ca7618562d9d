package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

/** A plugin whose calls hang while it is otherwise alive is reported once its calls keep missing their deadline. */
public class CallWatchdogTest {

    private static final String SERVER = "watchdog-test";

    /** Answers "fail" with an error, "ok" with a greeting, and never answers anything else (a deadlocked handler). */
    private static final class SometimesStuckGreeting extends PluginGreetingGrpc.PluginGreetingImplBase {
        @Override
        public void greeting(PluginHelloWorld.Request request, StreamObserver<PluginHelloWorld.Response> reply) {
            switch (request.getMsg()) {
                case "ok" -> {
                    reply.onNext(PluginHelloWorld.Response.newBuilder().setMsg("Hello ok!").build());
                    reply.onCompleted();
                }
                case "fail" -> reply.onError(Status.INVALID_ARGUMENT.withDescription("no").asRuntimeException());
                default -> { } // never answers
            }
        }
    }

    private final Server server;
    private final ManagedChannel channel;
    private final CallWatchdog watchdog = new CallWatchdog(3);
    private final AtomicInteger reports = new AtomicInteger();

    public CallWatchdogTest() throws Exception {
        server = InProcessServerBuilder.forName(SERVER).addService(new SometimesStuckGreeting()).build().start();
        channel = InProcessChannelBuilder.forName(SERVER).build();
    }

    @After
    public void tearDown() throws Exception {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private String call(String msg) {
        Channel watched = ClientInterceptors.intercept(channel, watchdog);
        return PluginGreetingGrpc.newBlockingStub(watched).withDeadlineAfter(50, TimeUnit.MILLISECONDS)
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg(msg).build()).getMsg();
    }

    private void callPastDeadline() {
        assertEquals(Status.Code.DEADLINE_EXCEEDED,
                assertThrows(StatusRuntimeException.class, () -> call("hang")).getStatus().getCode());
    }

    @Test
    public void callsThatKeepMissingTheirDeadlineAreReportedOnce() {
        watchdog.whenStuck(reports::incrementAndGet);
        callPastDeadline();
        callPastDeadline();
        assertEquals(0, reports.get());
        callPastDeadline();
        assertEquals(1, reports.get());
        callPastDeadline();
        assertEquals(1, reports.get());
    }

    @Test
    public void anAnswerInBetweenResetsTheCount() {
        watchdog.whenStuck(reports::incrementAndGet);
        callPastDeadline();
        callPastDeadline();
        assertEquals("Hello ok!", call("ok"));
        callPastDeadline();
        callPastDeadline();
        assertThrows(StatusRuntimeException.class, () -> call("fail"));
        callPastDeadline();
        assertEquals("an error reply is an answer too", 0, reports.get());
    }

    @Test
    public void aListenerSetLaterIsToldAtOnce() {
        callPastDeadline();
        callPastDeadline();
        callPastDeadline();
        watchdog.whenStuck(reports::incrementAndGet);
        assertEquals(1, reports.get());
    }

    @Test
    public void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CallWatchdog(0));
    }

    /** A channel whose event loop is gone: netty refuses to run the call. */
    private static final Channel CLOSING = new Channel() {
        @Override
        public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
            return new ClientCall<>() {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    throw new RejectedExecutionException("event executor terminated");
                }

                @Override
                public void request(int messages) {
                    throw new RejectedExecutionException("event executor terminated");
                }

                @Override
                public void cancel(String message, Throwable cause) {
                }

                @Override
                public void halfClose() {
                    throw new RejectedExecutionException("event executor terminated");
                }

                @Override
                public void sendMessage(Q message) {
                    throw new RejectedExecutionException("event executor terminated");
                }
            };
        }

        @Override
        public String authority() {
            return "localhost";
        }
    };

    @Test
    public void aCallRacingTheClosingConnectionFailsAsUnavailable() {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> PluginGreetingGrpc
                .newBlockingStub(ClientInterceptors.intercept(CLOSING, watchdog))
                .withDeadlineAfter(1, TimeUnit.SECONDS)
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg("late").build()));
        assertEquals(Status.Code.UNAVAILABLE, failure.getStatus().getCode());
        assertEquals("the connection to the plugin process is closed (the process is gone or being replaced)",
                failure.getStatus().getDescription());
    }
}
