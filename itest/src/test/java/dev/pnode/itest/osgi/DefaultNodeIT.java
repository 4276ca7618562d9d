package dev.pnode.itest.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** The default node (feature {@code pnode}) in a real Felix, with the example helloworld plugin process. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DefaultNodeIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private CommandProcessor commands;

    /** Injection waits for the service, so this also waits until the plugin process serves. */
    @Inject
    private HelloWorld helloWorld;

    @Inject
    private PluginRegistry registry;

    @Configuration
    public Option[] config() {
        return PnodeContainer.node(List.of("pnode"), PnodeContainer.defaultPluginSettings("es"));
    }

    /**
     * Gogo JLine, installed unstarted by the pnode-console feature: its Shell class serves pnode attach; started,
     * its activator would open a second console on the node's terminal.
     */
    private static final String LIBRARY_ONLY = "org.apache.felix.gogo.jline";

    @Test
    public void everyBundleOfTheFeaturesIsActive() {
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(bundle -> !bundle.getSymbolicName().equals(LIBRARY_ONLY))
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " state " + bundle.getState())
                .collect(Collectors.toList());
        assertEquals("bundles not ACTIVE", List.of(), notActive);
        Bundle gogoJline = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals(LIBRARY_ONLY)).findFirst().orElseThrow();
        assertEquals("installed with start=\"false\", resolved for its packages", Bundle.RESOLVED,
                gogoJline.getState());
    }

    /**
     * The metrics bundles' components wait for --metrics, which this node does not set (bundles/metrics/README.md):
     * pnode-metrics' for its condition, pnode-metrics-http's servlet for the registry that exists only then.
     */
    private static final Set<String> METRICS_BUNDLES = Set.of("dev.pnode.metrics", "dev.pnode.metrics.http");

    @Test
    public void everyDeclarativeServicesComponentIsSatisfied() {
        List<String> unsatisfied = scr.getComponentDescriptionDTOs().stream()
                .filter(description -> !METRICS_BUNDLES.contains(description.bundle.symbolicName))
                .flatMap(description -> scr.getComponentConfigurationDTOs(description).stream())
                .filter(configuration -> configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                        || configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                .map(configuration -> configuration.description.name + " state " + configuration.state)
                .collect(Collectors.toList());
        assertEquals("components that cannot work", List.of(), unsatisfied);
    }

    @Test
    public void withoutMetricsTheMetricsRegistryWaitsForItsConditionAndNothingObservesTheNode() throws Exception {
        List<String> waiting = scr.getComponentDescriptionDTOs().stream()
                .filter(description -> description.name.equals("dev.pnode.metrics.internal.NodeRegistry"))
                .flatMap(description -> scr.getComponentConfigurationDTOs(description).stream())
                .flatMap(configuration -> Arrays.stream(configuration.unsatisfiedReferences))
                .map(reference -> reference.name + " " + reference.target)
                .collect(Collectors.toList());
        assertEquals(List.of("osgi.ds.satisfying.condition (osgi.condition.id=pnode.metrics.enabled)"), waiting);
        assertEquals("no plugin or JSON-RPC observer without --metrics", null,
                context.getAllServiceReferences("dev.pnode.api.observation.PluginObserver", null));
    }

    @Test
    public void theContractServiceAnswersThroughThePluginProcessWithItsConfig() throws InterruptedException {
        // a call waits at most 10 s for a starting plugin; on a loaded machine a Java plugin's start takes longer
        PluginStates.awaitRunning(registry, "helloworld");
        assertEquals("Hola world!", helloWorld.greeting("world"));
    }

    @Test
    public void theRegistryReportsTheRunningPluginWithItsProcess() throws InterruptedException {
        PluginStatus status = PluginStates.awaitRunning(registry, "helloworld");
        assertEquals("1.0.0", status.version());
        assertTrue("pid of a live process", status.pid().isPresent()
                && ProcessHandle.of(status.pid().getAsLong()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    public void gogoPluginListShowsTheRunningPlugin() throws Exception {
        PluginStates.awaitRunning(registry, "helloworld");
        String output = execute("plugin:list --no-format");
        assertTrue(output, output.contains("helloworld"));
        assertTrue(output, output.contains("running"));
    }

    private String execute(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = commands.createSession(System.in, print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.println(session.format(result, 0));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
