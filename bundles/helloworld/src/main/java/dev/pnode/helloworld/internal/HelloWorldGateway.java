package dev.pnode.helloworld.internal;

import com.google.common.util.concurrent.MoreExecutors;
import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import dev.pnode.api.gateway.CallFailures;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.helloworld.HelloWorldException;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** {@link HelloWorld} backed by one plugin process: every call is a deadline-bound {@code Greeting} RPC. */
final class HelloWorldGateway implements HelloWorld {

    /**
     * The answer completes on the channel's I/O thread: no hand-off to gRPC's default executor. grpc's own direct
     * executor, which the channel knows as one that wakes no thread (goplugin's {@code OneWakeUpPerCall}).
     */
    private static final Executor ON_IO_THREAD = MoreExecutors.directExecutor();

    private final PluginGreetingGrpc.PluginGreetingBlockingStub stub;
    private final PluginGreetingGrpc.PluginGreetingStub asyncStub;
    private final Duration callTimeout;

    HelloWorldGateway(Channel channel, Duration callTimeout) {
        this.stub = PluginGreetingGrpc.newBlockingStub(channel);
        this.asyncStub = PluginGreetingGrpc.newStub(channel).withExecutor(ON_IO_THREAD);
        this.callTimeout = callTimeout;
    }

    @Override
    public String greeting(String msg) {
        try {
            return stub.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS).greeting(request(msg)).getMsg();
        } catch (StatusRuntimeException e) {
            throw greetingFailed(e);
        }
    }

    @Override
    public CompletionStage<String> greetingAsync(String msg) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        asyncStub.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS).greeting(request(msg),
                new StreamObserver<>() {
                    @Override
                    public void onNext(PluginHelloWorld.Response response) {
                        answer.complete(response.getMsg());
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure instanceof StatusRuntimeException status
                                ? greetingFailed(status) : failure);
                    }

                    @Override
                    public void onCompleted() {
                        // a unary call answered in onNext
                    }
                });
        return answer;
    }

    private static PluginHelloWorld.Request request(String msg) {
        return PluginHelloWorld.Request.newBuilder().setMsg(Objects.requireNonNull(msg, "msg")).build();
    }

    private HelloWorldException greetingFailed(StatusRuntimeException e) {
        return new HelloWorldException(CallFailures.describe(HelloWorldInterface.KEY, "greeting", e, callTimeout), e);
    }
}
