package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.BrokerException;
import dev.pnode.api.GrpcBroker;
import dev.pnode.proto.goplugin.ConnInfo;
import dev.pnode.proto.goplugin.GRPCBrokerGrpc;
import dev.pnode.wire.EphemeralCertificate;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The messages the host's broker exchanges on {@code plugin.GRPCBroker/StartStream}, checked against a plugin side
 * in this JVM (in-process transport, no TLS) that records what it receives and sends what a test tells it to.
 */
public class PluginBrokerWireTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final BlockingQueue<ConnInfo> receivedByPlugin = new LinkedBlockingQueue<>();
    private final CompletableFuture<StreamObserver<ConnInfo>> toHost = new CompletableFuture<>();
    private final CompletableFuture<Status> streamEnd = new CompletableFuture<>();
    private Server pluginSide;
    private ManagedChannel channel;
    private PluginBroker broker;
    private Path sockets;

    @Before
    public void openBroker() throws Exception {
        String name = InProcessServerBuilder.generateName();
        pluginSide = InProcessServerBuilder.forName(name).directExecutor().addService(new RecordingBroker()).build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        sockets = folder.newFolder("sockets").toPath();
        broker = PluginBroker.open("wire", channel, sockets, EphemeralCertificate.generate(), Optional.empty());
    }

    @After
    public void close() {
        broker.close();
        channel.shutdownNow();
        pluginSide.shutdownNow();
    }

    @Test
    public void acceptAndServeSendsTheIdAndAUnixSocketInThePluginsSocketDirectory() throws Exception {
        int id = broker.nextId();
        try (GrpcBroker.BrokeredServer served = broker.acceptAndServe(id, new HealthStatusManager().getHealthService())) {
            ConnInfo sent = receivedByPlugin.poll(10, TimeUnit.SECONDS);
            assertEquals(ConnInfo.newBuilder().setServiceId(id).setNetwork("unix").setAddress(served.address()).build(),
                    sent);
            assertEquals(sockets, Path.of(sent.getAddress()).getParent());
        }
    }

    @Test
    public void aKnockIsAcknowledgedWithTheRefusalAndTheSameId() throws Exception {
        send(ConnInfo.newBuilder().setServiceId(9).setKnock(ConnInfo.Knock.newBuilder().setKnock(true)).build());
        assertEquals(ConnInfo.newBuilder().setServiceId(9).setKnock(ConnInfo.Knock.newBuilder().setKnock(true)
                .setAck(true).setError(PluginBroker.NO_MULTIPLEXING)).build(), receivedByPlugin.poll(10, TimeUnit.SECONDS));
    }

    @Test
    public void aSecondOfferForAnIdNobodyDialledYetIsDropped() throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", ServingStatus.SERVING);
        try (GrpcBroker.BrokeredServer first = broker.acceptAndServe(broker.nextId(), health.getHealthService())) {
            receivedByPlugin.take();
            send(ConnInfo.newBuilder().setServiceId(5).setNetwork("unix").setAddress(first.address()).build());
            send(ConnInfo.newBuilder().setServiceId(5).setNetwork("unix").setAddress("/nowhere/second.sock").build());
            ManagedChannel dialled = broker.dial(5);
            assertEquals(ServingStatus.SERVING,
                    HealthGrpc.newBlockingStub(dialled).withDeadlineAfter(10, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance()).getStatus());
        }
    }

    @Test
    public void anOfferOnAnUnknownNetworkIsRefusedNamingIt() throws Exception {
        send(ConnInfo.newBuilder().setServiceId(3).setNetwork("pipe").setAddress("\\\\.\\pipe\\x").build());
        BrokerException e = assertThrows(BrokerException.class, () -> broker.dial(3));
        assertEquals("plugin wire offered broker id 3 on unknown network \"pipe\" (address \\\\.\\pipe\\x); only unix "
                + "and tcp are supported", e.getMessage());
    }

    @Test
    public void whenThePluginEndsTheStreamWaitingAndLaterDialsFailSayingSo() throws Exception {
        toHost.get(10, TimeUnit.SECONDS).onCompleted();
        BrokerException e = assertThrows(BrokerException.class, () -> broker.dial(8));
        assertTrue(e.getMessage(), e.getMessage().endsWith("the plugin closed the broker stream"));
        BrokerException served = assertThrows(BrokerException.class,
                () -> broker.acceptAndServe(8, new HealthStatusManager().getHealthService()));
        assertTrue(served.getMessage(), served.getMessage().endsWith("the plugin closed the broker stream"));
    }

    @Test
    public void closingCancelsTheStreamAsGoPluginsClientDoes() throws Exception {
        broker.close();
        assertEquals(Status.Code.CANCELLED, streamEnd.get(10, TimeUnit.SECONDS).getCode());
        assertFalse(receivedByPlugin.iterator().hasNext());
    }

    private void send(ConnInfo info) throws Exception {
        toHost.get(10, TimeUnit.SECONDS).onNext(info);
    }

    private final class RecordingBroker extends GRPCBrokerGrpc.GRPCBrokerImplBase {
        @Override
        public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> responses) {
            toHost.complete(responses);
            return new StreamObserver<>() {
                @Override
                public void onNext(ConnInfo info) {
                    receivedByPlugin.add(info);
                }

                @Override
                public void onError(Throwable error) {
                    streamEnd.complete(Status.fromThrowable(error));
                }

                @Override
                public void onCompleted() {
                    streamEnd.complete(Status.OK);
                }
            };
        }
    }
}
