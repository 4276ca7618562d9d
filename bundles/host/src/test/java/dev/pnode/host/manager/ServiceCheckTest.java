package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.quorum.plugin.proto.PluginGreetingGrpc;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.After;
import org.junit.Test;

/**
 * The service check against real gRPC servers (in-process) with and without reflection; grpc-go's answer without
 * reflection is checked with the real Go plugin in itest's {@code WrongPluginIT}.
 */
public class ServiceCheckTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Server server;
    private ManagedChannel channel;

    @After
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    private ManagedChannel serving(BindableService... services) throws IOException {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name)
                .addService(new HealthStatusManager().getHealthService())
                .addService(new PluginGreetingGrpc.PluginGreetingImplBase() { });
        for (BindableService service : services) {
            builder.addService(service);
        }
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return channel;
    }

    @Test
    public void aPluginListingTheServicesPasses() throws IOException {
        ServiceCheck.Result result = ServiceCheck.check(serving(ProtoReflectionServiceV1.newInstance()),
                List.of("proto.PluginGreeting", "grpc.health.v1.Health"), DEADLINE);

        assertTrue(result.passed());
    }

    @Test
    public void aMissingServiceIsNamedWithWhatThePluginServesInstead() throws IOException {
        ServiceCheck.Result result = ServiceCheck.check(serving(ProtoReflectionServiceV1.newInstance()),
                List.of("proto.PluginGreeting", "kvstore.KeyValueStore"), DEADLINE);

        assertFalse(result.passed());
        assertEquals(List.of("kvstore.KeyValueStore"), result.missing());
        assertEquals(Optional.of(Set.of("grpc.health.v1.Health", "proto.PluginGreeting")), result.served());
        assertEquals("does not serve gRPC service kvstore.KeyValueStore (it serves grpc.health.v1.Health, "
                + "proto.PluginGreeting)", result.describe());
    }

    @Test
    @SuppressWarnings("deprecation")
    public void theOlderReflectionServiceIsAskedWhenTheNewOneIsMissing() throws IOException {
        ServiceCheck.Result result = ServiceCheck.check(serving(ProtoReflectionService.newInstance()),
                List.of("kvstore.KeyValueStore", "other.Service"), DEADLINE);

        assertEquals(List.of("kvstore.KeyValueStore", "other.Service"), result.missing());
        assertTrue(result.describe(), result.describe().startsWith(
                "does not serve gRPC services kvstore.KeyValueStore, other.Service (it serves "));
    }

    @Test
    public void withoutReflectionAGrpcJavaServerCannotBeToldAndPasses() throws IOException {
        ServiceCheck.Result result = ServiceCheck.check(serving(), List.of("kvstore.KeyValueStore"), DEADLINE);

        assertTrue("grpc-java answers 'method not found' for every unknown method: no verdict, no refusal",
                result.passed());
        assertEquals(Optional.empty(), result.served());
    }
}
