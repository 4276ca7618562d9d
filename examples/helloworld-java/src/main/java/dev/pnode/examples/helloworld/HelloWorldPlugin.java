package dev.pnode.examples.helloworld;

import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.Handshake;
import dev.pnode.sdk.GoPluginServer;
import com.google.protobuf.ByteString;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Quorum's helloworld plugin in Java: {@code PluginInitializer/Init} takes {@code {"language":"en"|"es"}},
 * then {@code PluginGreeting/Greeting} answers "Hello &lt;msg&gt;!" or "Hola &lt;msg&gt;!".
 */
public final class HelloWorldPlugin {

    private static final long TRAINING_DEADLINE_SECONDS = 60;
    private static final System.Logger LOG = System.getLogger(HelloWorldPlugin.class.getName());

    private final AtomicReference<Language> language = new AtomicReference<>();

    public static void main(String[] args) {
        HelloWorldPlugin plugin = new HelloWorldPlugin();
        GoPluginServer.Builder server = GoPluginServer.builder(Handshake.QUORUM);
        plugin.services().forEach(server::addService);
        server.training(HelloWorldPlugin::trainingCalls).build().serve();
    }

    /** What a host does first (Init, then a greeting): the classes of these calls go into the CDS archive. */
    static void trainingCalls(Channel channel) {
        PluginInitializerGrpc.newBlockingStub(channel).withDeadlineAfter(TRAINING_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .init(PluginInitialization.Request.newBuilder().setHostIdentity("class-data-sharing-training")
                        .setRawConfiguration(ByteString.copyFromUtf8("{\"language\":\"en\"}")).build());
        PluginGreetingGrpc.newBlockingStub(channel).withDeadlineAfter(TRAINING_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg("training").build());
    }

    /** The plugin's gRPC services, for any server (the go-plugin one in main, an in-process one in tests). */
    public List<BindableService> services() {
        return List.of(new Initializer(), new Greeter());
    }

    private final class Initializer extends PluginInitializerGrpc.PluginInitializerImplBase {
        @Override
        public void init(PluginInitialization.Request request,
                StreamObserver<PluginInitialization.Response> responseObserver) {
            try {
                Language configured = GreetingConfiguration.parse(request.getRawConfiguration().toByteArray());
                language.set(configured);
                LOG.log(System.Logger.Level.INFO, "initialized for host " + request.getHostIdentity()
                        + ", language " + configured);
                responseObserver.onNext(PluginInitialization.Response.getDefaultInstance());
                responseObserver.onCompleted();
            } catch (IllegalArgumentException e) {
                responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }
    }

    private final class Greeter extends PluginGreetingGrpc.PluginGreetingImplBase {
        @Override
        public void greeting(PluginHelloWorld.Request request,
                StreamObserver<PluginHelloWorld.Response> responseObserver) {
            Language configured = language.get();
            if (configured == null) {
                responseObserver.onError(Status.FAILED_PRECONDITION
                        .withDescription("the plugin is not initialized: call PluginInitializer/Init first")
                        .asRuntimeException());
                return;
            }
            responseObserver.onNext(PluginHelloWorld.Response.newBuilder()
                    .setMsg(configured.greet(request.getMsg())).build());
            responseObserver.onCompleted();
        }
    }
}
