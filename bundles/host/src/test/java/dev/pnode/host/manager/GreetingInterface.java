package dev.pnode.host.manager;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginInterface;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A minimal helloworld plugin interface for the host's tests (the real one lives in another bundle). */
class GreetingInterface implements PluginInterface {

    /** The contract the test gateway implements. */
    interface Greeter {
        String greeting(String msg);

        /** The asynchronous variant a contract may offer; this one answers at once unless a test gateway overrides it. */
        default CompletionStage<String> greetingAsync(String msg) {
            return CompletableFuture.completedFuture(greeting(msg));
        }
    }

    @Override
    public String key() {
        return "helloworld";
    }

    @Override
    public Class<?> contract() {
        return Greeter.class;
    }

    @Override
    public List<String> grpcServices() {
        return List.of("proto_common.PluginInitializer", "proto.PluginGreeting");
    }

    @Override
    public Object connect(PluginConnection connection) {
        long timeout = connection.callTimeout().toMillis();
        PluginInitializerGrpc.newBlockingStub(connection.channel()).withDeadlineAfter(timeout, TimeUnit.MILLISECONDS)
                .init(PluginInitialization.Request.newBuilder().setHostIdentity(connection.hostIdentity())
                        .setRawConfiguration(ByteString.copyFrom(connection.rawConfiguration())).build());
        PluginGreetingGrpc.PluginGreetingBlockingStub stub = PluginGreetingGrpc.newBlockingStub(connection.channel());
        return (Greeter) msg -> stub.withDeadlineAfter(timeout, TimeUnit.MILLISECONDS)
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg(msg).build()).getMsg();
    }
}
