package dev.pnode.bench;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import io.grpc.Channel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The Quorum helloworld calls as a plain grpc-java user makes them: a blocking stub with a deadline per call, like
 * the node's gateway (so the paths differ only in transport security and the layers above the stub).
 */
final class HelloWorldCalls {

    static final String CONFIG = "{\"language\":\"en\"}";
    private static final long DEADLINE_SECONDS = 10;

    private final PluginGreetingGrpc.PluginGreetingBlockingStub greeting;

    private HelloWorldCalls(Channel channel) {
        this.greeting = PluginGreetingGrpc.newBlockingStub(channel);
    }

    /** Sends Init with the English config, as the node does right after the handshake. */
    static HelloWorldCalls initialize(Channel channel) {
        PluginInitializerGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .init(PluginInitialization.Request.newBuilder()
                        .setHostIdentity("pnode-bench")
                        .setRawConfiguration(ByteString.copyFrom(CONFIG, StandardCharsets.UTF_8))
                        .build());
        return new HelloWorldCalls(channel);
    }

    String greeting(String msg) {
        return greeting.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg(msg).build())
                .getMsg();
    }
}
