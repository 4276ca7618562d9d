package dev.pnode.helloworld.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.GrpcBroker;
import dev.pnode.api.Handshake;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.helloworld.HelloWorldException;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** Runs the interface and its gateway against a real (in-process) gRPC server playing the plugin. */
public class HelloWorldInterfaceTest {

    private static final byte[] CONFIG = "{\"language\":\"en\"}".getBytes(StandardCharsets.UTF_8);

    private final FakePlugin plugin = new FakePlugin();
    private final CountDownLatch releaseStuckCalls = new CountDownLatch(1);
    private Server server;
    private ManagedChannel channel;

    @After
    public void shutDown() {
        releaseStuckCalls.countDown();
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    public void describesItselfToTheHost() {
        HelloWorldInterface helloWorld = new HelloWorldInterface();
        assertEquals("helloworld", helloWorld.key());
        assertEquals(HelloWorld.class, helloWorld.contract());
        assertEquals(List.of("proto.PluginGreeting"), helloWorld.grpcServices());
        assertEquals(Handshake.QUORUM, helloWorld.handshake());
    }

    @Test
    public void initialisesThePluginWithIdentityAndConfigThenGreetsThroughIt() throws Exception {
        HelloWorld gateway = new HelloWorldInterface().connect(connection(Duration.ofSeconds(5)));

        assertEquals("node-1", plugin.initRequest.getHostIdentity());
        assertArrayEquals(CONFIG, plugin.initRequest.getRawConfiguration().toByteArray());
        assertEquals("Hello world!", gateway.greeting("world"));
        assertEquals("Hello Quorum!", gateway.greeting("Quorum"));
    }

    @Test
    public void aPluginRefusingItsConfigFailsTheConnectionWithItsReason() throws Exception {
        plugin.initFailure = Status.INVALID_ARGUMENT.withDescription("unknown language xx");

        PluginException e = assertThrows(PluginException.class,
                () -> new HelloWorldInterface().connect(connection(Duration.ofSeconds(5))));

        assertEquals("plugin helloworld: Init failed: INVALID_ARGUMENT: unknown language xx", e.getMessage());
    }

    @Test
    public void aPluginStuckInInitFailsTheConnectionAtTheDeadline() {
        plugin.stuck = releaseStuckCalls;

        PluginException e = assertThrows(PluginException.class,
                () -> new HelloWorldInterface().connect(connection(Duration.ofMillis(100))));

        assertTrue(e.getMessage(), e.getMessage().startsWith("plugin helloworld: Init failed: DEADLINE_EXCEEDED"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("(call timeout 100 ms)"));
    }

    @Test
    public void aPluginThatWentAwayFailsTheCallClearly() throws Exception {
        HelloWorld gateway = new HelloWorldInterface().connect(connection(Duration.ofSeconds(5)));
        server.shutdownNow().awaitTermination();

        HelloWorldException e = assertThrows(HelloWorldException.class, () -> gateway.greeting("world"));

        assertTrue(e.getMessage(), e.getMessage().startsWith("plugin helloworld: greeting failed: UNAVAILABLE"));
    }

    @Test
    public void aStuckPluginFailsTheCallAtTheDeadlineNamingIt() throws Exception {
        HelloWorld gateway = new HelloWorldInterface().connect(connection(Duration.ofMillis(100)));
        plugin.stuck = releaseStuckCalls;

        HelloWorldException e = assertThrows(HelloWorldException.class, () -> gateway.greeting("world"));

        assertTrue(e.getMessage(), e.getMessage().startsWith("plugin helloworld: greeting failed: DEADLINE_EXCEEDED"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("(call timeout 100 ms)"));
    }

    @Test
    public void aNullMessageIsRefusedBeforeReachingThePlugin() throws Exception {
        HelloWorld gateway = new HelloWorldInterface().connect(connection(Duration.ofSeconds(5)));

        assertThrows(NullPointerException.class, () -> gateway.greeting(null));
        assertThrows(NullPointerException.class, () -> gateway.greetingAsync(null));
    }

    @Test
    public void greetsAsynchronouslyThroughThePlugin() throws Exception {
        HelloWorld gateway = new HelloWorldInterface().connect(connection(Duration.ofSeconds(5)));

        assertEquals("Hello world!", gateway.greetingAsync("world").toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    public void anAsynchronousCallToAPluginThatWentAwayFailsWithTheSameClearError() throws Exception {
        HelloWorld gateway = new HelloWorldInterface().connect(connection(Duration.ofSeconds(5)));
        server.shutdownNow().awaitTermination();

        Throwable e = failureOf(gateway.greetingAsync("world"));

        assertTrue(String.valueOf(e), e instanceof HelloWorldException);
        assertTrue(e.getMessage(), e.getMessage().startsWith("plugin helloworld: greeting failed: UNAVAILABLE"));
    }

    @Test
    public void anAsynchronousCallToAStuckPluginFailsAtTheDeadlineNamingIt() throws Exception {
        HelloWorld gateway = new HelloWorldInterface().connect(connection(Duration.ofMillis(100)));
        plugin.stuck = releaseStuckCalls;

        CompletionStage<String> pending = gateway.greetingAsync("world");
        Throwable e = failureOf(pending);

        assertTrue(String.valueOf(e), e instanceof HelloWorldException);
        assertTrue(e.getMessage(), e.getMessage().startsWith("plugin helloworld: greeting failed: DEADLINE_EXCEEDED"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("(call timeout 100 ms)"));
    }

    private static Throwable failureOf(CompletionStage<String> stage) throws Exception {
        try {
            String answer = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + answer);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private PluginConnection connection(Duration callTimeout) throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(plugin.initializer()).addService(plugin.greeter()).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return new PluginConnection() {
            @Override public Channel channel() { return channel; }
            @Override public String pluginName() { return "quorum-plugin-hello-world"; }
            @Override public String pluginVersion() { return "1.0.0"; }
            @Override public String hostIdentity() { return "node-1"; }
            @Override public byte[] rawConfiguration() { return CONFIG.clone(); }
            @Override public Duration callTimeout() { return callTimeout; }
            @Override public GrpcBroker broker() { throw new UnsupportedOperationException("no broker in this test"); }
        };
    }

    /** Behaves like the example helloworld plugin configured in English. */
    private static final class FakePlugin {
        volatile PluginInitialization.Request initRequest;
        volatile Status initFailure;
        volatile CountDownLatch stuck;

        PluginInitializerGrpc.PluginInitializerImplBase initializer() {
            return new PluginInitializerGrpc.PluginInitializerImplBase() {
                @Override
                public void init(PluginInitialization.Request request,
                        StreamObserver<PluginInitialization.Response> response) {
                    initRequest = request;
                    if (stuck != null) {
                        awaitQuietly(stuck);
                    }
                    if (initFailure != null) {
                        response.onError(initFailure.asRuntimeException());
                        return;
                    }
                    response.onNext(PluginInitialization.Response.getDefaultInstance());
                    response.onCompleted();
                }
            };
        }

        PluginGreetingGrpc.PluginGreetingImplBase greeter() {
            return new PluginGreetingGrpc.PluginGreetingImplBase() {
                @Override
                public void greeting(PluginHelloWorld.Request request,
                        StreamObserver<PluginHelloWorld.Response> response) {
                    if (stuck != null) {
                        awaitQuietly(stuck);
                    }
                    response.onNext(PluginHelloWorld.Response.newBuilder()
                            .setMsg("Hello " + request.getMsg() + "!").build());
                    response.onCompleted();
                }
            };
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
