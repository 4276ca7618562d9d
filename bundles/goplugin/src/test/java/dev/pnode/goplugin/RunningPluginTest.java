package dev.pnode.goplugin;

import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.pnode.goplugin.testplugin.TestPlugin;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What a healthy plugin looks like from the host, checked on one shared {@link TestPlugin} process. */
public class RunningPluginTest {

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static PluginProcess process;
    private static ManagedChannel channel;

    @BeforeClass
    public static void start() throws Exception {
        process = PluginProcess.create(TestPlugins.spec(FOLDER, "normal"));
        process.start();
        channel = process.channel();
    }

    @AfterClass
    public static void kill() {
        process.kill();
    }

    @Test
    public void startIsIdempotentAndKeepsTheChannel() throws Exception {
        process.start();
        assertSame(channel, process.channel());
    }

    @Test
    public void answersHealthChecks() {
        assertTrue(process.isHealthy(Duration.ofSeconds(10)));
    }

    @Test
    public void routesHclogJsonPlainStderrAndGrpcStdioToRecentOutput() throws Exception {
        TestPlugins.awaitOutput(process, "test: disk almost full free=1%");
        TestPlugins.awaitOutput(process, "plain text on stderr");
        TestPlugins.awaitOutput(process, "hello via grpc stdio");
    }

    @Test
    public void givesThePluginOnlyAllowListedGoPluginAndExtraVariables() throws Exception {
        TestPlugins.awaitOutput(process, "environment: [");
        String line = process.recentOutput(100).stream().filter(l -> l.startsWith("environment: [")).findFirst()
                .orElseThrow();
        Set<String> names = Arrays.stream(line.substring("environment: [".length(), line.length() - 1).split(", "))
                .collect(Collectors.toSet());
        assertTrue(names.toString(), names.containsAll(Set.of(TestPlugin.COOKIE_KEY, "PLUGIN_PROTOCOL_VERSIONS",
                "PLUGIN_MIN_PORT", "PLUGIN_MAX_PORT", "PLUGIN_CLIENT_CERT", "PLUGIN_UNIX_SOCKET_DIR",
                "PNODE_TEST_EXTRA", PluginEnvironment.HOST_PID)));
        for (String name : names) {
            assertTrue(name + " should not reach the plugin", name.startsWith("PLUGIN_") || name.startsWith("LC_")
                    || name.equals(TestPlugin.COOKIE_KEY) || name.equals("PNODE_TEST_EXTRA")
                    || name.equals(PluginEnvironment.HOST_PID)
                    || name.equals("PWD") // set by the entrypoint's /bin/sh
                    || PluginEnvironment.ALLOWED_HOST_VARIABLES.contains(name));
        }
    }
}
