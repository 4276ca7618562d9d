package dev.pnode.api.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class UnaryCallsTest {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private Server server;
    private ManagedChannel channel;
    private PluginGreetingGrpc.PluginGreetingFutureStub stub;

    @Before
    public void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(new PluginGreetingGrpc.PluginGreetingImplBase() {
            @Override
            public void greeting(PluginHelloWorld.Request request,
                    StreamObserver<PluginHelloWorld.Response> answer) {
                switch (request.getMsg()) {
                    case "refuse" -> answer.onError(Status.FAILED_PRECONDITION.withDescription("no greeting today")
                            .asRuntimeException());
                    case "hang" -> io.grpc.Context.current().addListener(context -> cancelled.countDown(),
                            Runnable::run);
                    default -> {
                        answer.onNext(PluginHelloWorld.Response.newBuilder().setMsg("Hello " + request.getMsg() + "!")
                                .build());
                        answer.onCompleted();
                    }
                }
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = UnaryCalls.completingOnTransport(PluginGreetingGrpc.newFutureStub(channel));
    }

    @After
    public void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    public void returnsThePluginsAnswer() {
        assertEquals("Hello world!", UnaryCalls.await(stub.greeting(request("world"))).getMsg());
    }

    @Test
    public void aRefusalArrivesAsTheBlockingStubWouldThrowIt() {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                () -> UnaryCalls.await(stub.greeting(request("refuse"))));
        assertEquals(Status.Code.FAILED_PRECONDITION, failure.getStatus().getCode());
        assertEquals("no greeting today", failure.getStatus().getDescription());
    }

    @Test
    public void aCallPastItsDeadlineFailsDeadlineExceeded() {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> UnaryCalls.await(
                stub.withDeadlineAfter(50, TimeUnit.MILLISECONDS).greeting(request("hang"))));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, failure.getStatus().getCode());
    }

    @Test
    public void anInterruptedCallerCancelsTheCallAndKeepsItsInterrupt() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                UnaryCalls.await(stub.greeting(request("hang")));
            } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        Thread.sleep(100);
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));

        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof StatusRuntimeException);
        assertEquals(Status.Code.CANCELLED, ((StatusRuntimeException) thrown.get()).getStatus().getCode());
        assertTrue(stillInterrupted.get());
        assertTrue("the plugin sees the call cancelled", cancelled.await(10, TimeUnit.SECONDS));
    }

    private static PluginHelloWorld.Request request(String msg) {
        return PluginHelloWorld.Request.newBuilder().setMsg(msg).build();
    }
}
