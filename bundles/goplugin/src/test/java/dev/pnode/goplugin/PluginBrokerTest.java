package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.BrokerException;
import dev.pnode.api.GrpcBroker;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The host's GRPCBroker against a real plugin process whose broker behaves as go-plugin's plugin side does
 * ({@code testplugin.TestBroker}): both directions, with the AutoMTLS identities of the main connection.
 */
public class PluginBrokerTest {

    /** The ids, services and messages of {@code testplugin.TestBroker}. */
    private static final int PLUGIN_OFFERED_ID = 1000;
    private static final int PLUGIN_KNOCK_ID = 77;

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static PluginProcess process;

    @BeforeClass
    public static void start() throws Exception {
        process = PluginProcess.create(TestPlugins.spec(FOLDER, "broker"));
        process.start();
    }

    @AfterClass
    public static void kill() {
        process.kill();
    }

    @Test
    public void thePluginDialsAServiceTheHostServesThroughTheBroker() throws Exception {
        GrpcBroker broker = process.broker();
        int id = broker.nextId();
        HealthStatusManager hostService = new HealthStatusManager();
        hostService.setStatus("from-plugin", ServingStatus.SERVING);
        Path socket;
        try (GrpcBroker.BrokeredServer served = broker.acceptAndServe(id, hostService.getHealthService())) {
            socket = Path.of(served.address());
            assertEquals(id, served.id());
            TestPlugins.awaitOutput(process, "broker " + id + " at unix: host answered SERVING");
        }
        assertFalse("a closed brokered server deletes its socket", Files.exists(socket));
    }

    @Test
    public void theHostDialsAServiceThePluginOffersThroughTheBroker() throws Exception {
        ManagedChannel channel = process.broker().dial(PLUGIN_OFFERED_ID);
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("brokered-by-plugin").build()).getStatus();
            assertEquals(ServingStatus.SERVING, status);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    public void aKnockForAMultiplexedConnectionIsAcknowledgedWithARefusal() throws Exception {
        TestPlugins.awaitOutput(process, "knock " + PLUGIN_KNOCK_ID + " answered: ack=true error="
                + PluginBroker.NO_MULTIPLEXING);
    }

    @Test
    public void dialingAnIdThePluginNeverOffersFailsNamingTheIdAndTheWait() {
        BrokerException e = assertThrows(BrokerException.class, () -> process.broker().dial(4242));
        assertTrue(e.getMessage(), e.getMessage().contains("plugin test-broker offered no connection for broker "
                + "id 4242 within 5000 ms"));
    }

    @Test
    public void idsStartAtOneAndNeverRepeat() {
        GrpcBroker broker = process.broker();
        int first = broker.nextId();
        int second = broker.nextId();
        assertTrue(first >= 1);
        assertTrue(second > first);
    }
}
