package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pnode.wire.EphemeralCertificate;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A fresh plugin channel connected by {@link ChannelReadiness} before its first call, checked against a real gRPC
 * server over loopback TCP.
 */
public class ChannelReadinessTest {

    private static final EphemeralCertificate HOST = EphemeralCertificate.generate();
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** One I/O thread for the class: each test's channels run on it, as a plugin's channel runs on its own. */
    private static EventLoopGroup eventLoops;

    private Server plugin;
    private ManagedChannel channel;

    @BeforeClass
    public static void startEventLoop() {
        eventLoops = PluginChannel.oneThread("readiness-test", PluginChannel.nio());
    }

    @AfterClass
    public static void stopEventLoop() {
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    @Before
    public void startPlugin() throws Exception {
        plugin = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new Serving())
                .build().start();
        channel = channelTo(plugin.getPort());
    }

    @After
    public void stopPlugin() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        plugin.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    public void aChannelToAServingPluginIsReadyWithoutACall() throws Exception {
        assertTrue(ChannelReadiness.awaitReady(channel, LIMIT));
        assertEquals(ConnectivityState.READY, channel.getState(false));
    }

    @Test
    public void theFirstCallAfterItRunsNoTaskOfThePendingPathOnItsExecutor() throws Exception {
        assertTrue(ChannelReadiness.awaitReady(channel, LIMIT));
        List<String> first = tasksOfOneCall();
        assertFalse(first.toString(), first.stream().anyMatch(ChannelReadinessTest::pendingPath));
    }

    @Test
    public void aChannelThatCannotConnectIsNotReady() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0)) {
            closedPort = unused.getLocalPort();
        }
        ManagedChannel refused = channelTo(closedPort);
        try {
            assertFalse(ChannelReadiness.awaitReady(refused, LIMIT));
        } finally {
            refused.shutdownNow();
        }
    }

    @Test
    public void aShutDownChannelIsNotReady() throws Exception {
        channel.shutdownNow();
        assertFalse(ChannelReadiness.awaitReady(channel, LIMIT));
    }

    private ManagedChannel channelTo(int port) throws Exception {
        return PluginChannel.open("tcp", "127.0.0.1:" + port, Optional.empty(), HOST, eventLoops,
                NioSocketChannel.class);
    }

    /** The classes of the tasks one health call runs on its executor (a blocking stub's runs them on its caller). */
    private List<String> tasksOfOneCall() throws Exception {
        List<String> tasks = new CopyOnWriteArrayList<>();
        Executor recording = task -> {
            tasks.add(task.getClass().getName());
            task.run();
        };
        HealthCheckResponse answer = HealthGrpc.newFutureStub(channel).withExecutor(recording)
                .withDeadlineAfter(LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .check(HealthCheckRequest.newBuilder().setService("plugin").build())
                .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(ServingStatus.SERVING, answer.getStatus());
        return List.copyOf(tasks);
    }

    /** {@code DelayedClientTransport}'s and {@code DelayedClientCall}'s: a call made before the channel connected. */
    private static boolean pendingPath(String taskClass) {
        return taskClass.startsWith("io.grpc.internal.Delayed");
    }

    private static final class Serving extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            answer.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
            answer.onCompleted();
        }
    }
}
