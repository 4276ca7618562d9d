package dev.pnode.goplugin;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.BrokerException;
import dev.pnode.api.GrpcBroker;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** When the broker is there, and what is left of it after a kill. */
public class BrokerLifecycleTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aPluginThatIsNotStartedHasNoBroker() throws Exception {
        PluginProcess process = PluginProcess.create(TestPlugins.spec(folder, "broker"));
        IllegalStateException e = assertThrows(IllegalStateException.class, process::broker);
        assertTrue(e.getMessage(), e.getMessage().contains("plugin test-broker has no broker: it is not started"));
    }

    @Test
    public void killClosesBrokeredServersAndRefusesNewOnes() throws Exception {
        PluginProcess process = PluginProcess.create(TestPlugins.spec(folder, "broker"));
        GrpcBroker broker;
        Path socket;
        try {
            process.start();
            broker = process.broker();
            socket = Path.of(broker.acceptAndServe(broker.nextId(), new HealthStatusManager().getHealthService())
                    .address());
            assertTrue(Files.exists(socket));
        } finally {
            process.kill();
        }
        assertFalse("kill deletes the brokered server's socket", Files.exists(socket));
        BrokerException e = assertThrows(BrokerException.class,
                () -> broker.acceptAndServe(broker.nextId(), new HealthStatusManager().getHealthService()));
        assertTrue(e.getMessage(), e.getMessage().contains("the plugin is being stopped"));
        assertThrows(BrokerException.class, () -> broker.dial(1000));
    }

    @Test
    public void aPluginWithoutGrpcBrokerMakesEveryUseFailNamingThat() throws Exception {
        PluginProcess process = PluginProcess.create(TestPlugins.spec(folder, "normal"));
        try {
            process.start();
            GrpcBroker broker = process.broker();
            // the plugin answers the stream with UNIMPLEMENTED shortly after start; dial waits for that answer
            BrokerException e = assertThrows(BrokerException.class, () -> broker.dial(broker.nextId()));
            assertTrue(e.getMessage(), e.getMessage().contains("it does not serve plugin.GRPCBroker"));
        } finally {
            process.kill();
        }
    }

    @Test
    public void aPluginThatDiesOnItsOwnMakesBrokerCallsFailNamingItsExit() throws Exception {
        PluginProcess process = PluginProcess.create(TestPlugins.spec(folder, "broker"));
        try {
            process.start();
            GrpcBroker broker = process.broker();
            ProcessHandle.of(process.pid().getAsLong()).orElseThrow().destroyForcibly();
            process.exited().get(30, TimeUnit.SECONDS);

            BrokerException e = assertThrows(BrokerException.class,
                    () -> broker.acceptAndServe(broker.nextId(), new HealthStatusManager().getHealthService()));
            // whichever the host notices first, the stream ending or the exit, no socket is bound for a dead plugin
            assertTrue(e.getMessage(), e.getMessage().contains("no brokered connection"));
        } finally {
            process.kill();
        }
    }
}
