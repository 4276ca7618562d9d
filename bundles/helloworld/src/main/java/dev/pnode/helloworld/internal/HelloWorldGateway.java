package dev.pnode.helloworld.internal;

import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import dev.pnode.api.gateway.CallFailures;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.helloworld.HelloWorldException;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** {@link HelloWorld} backed by one plugin process: every call is a deadline-bound {@code Greeting} RPC. */
final class HelloWorldGateway implements HelloWorld {

    private final PluginGreetingGrpc.PluginGreetingBlockingStub stub;
    private final Duration callTimeout;

    HelloWorldGateway(Channel channel, Duration callTimeout) {
        this.stub = PluginGreetingGrpc.newBlockingStub(channel);
        this.callTimeout = callTimeout;
    }

    @Override
    public String greeting(String msg) {
        Objects.requireNonNull(msg, "msg");
        try {
            return stub.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
                    .greeting(PluginHelloWorld.Request.newBuilder().setMsg(msg).build())
                    .getMsg();
        } catch (StatusRuntimeException e) {
            throw new HelloWorldException(CallFailures.describe(HelloWorldInterface.KEY, "greeting", e, callTimeout), e);
        }
    }
}
