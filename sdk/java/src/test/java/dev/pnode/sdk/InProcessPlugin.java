package dev.pnode.sdk;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.List;
import java.util.function.Supplier;
import org.junit.rules.ExternalResource;

/**
 * A plugin's gRPC services served in-process for each test, with a channel to them: what a host sees once the
 * plugin runs, without a process or TLS. Shared by the example plugins' contract tests (test-jar).
 */
public final class InProcessPlugin extends ExternalResource {

    private final Supplier<List<BindableService>> services;
    private Server server;
    private ManagedChannel channel;

    /** @param services made afresh for every test, so each starts from a plugin that was never initialised */
    public InProcessPlugin(Supplier<List<BindableService>> services) {
        this.services = services;
    }

    public ManagedChannel channel() {
        return channel;
    }

    @Override
    protected void before() throws Exception {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
        services.get().forEach(builder::addService);
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @Override
    protected void after() {
        channel.shutdownNow();
        server.shutdownNow();
    }
}
