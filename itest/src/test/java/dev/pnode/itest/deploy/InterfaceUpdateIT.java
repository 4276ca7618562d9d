package dev.pnode.itest.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Updating a running interface bundle (a new gateway, same wire contract) through the deploy folder: FileInstall
 * updates and refreshes it, and the host rebinds the plugin process it already runs to the new gateway.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InterfaceUpdateIT {

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    @Configuration
    public Option[] config() {
        return DeployNode.options();
    }

    @Test
    public void anUpdatedInterfaceBundleKeepsThePluginProcessAndServesAgain() throws Exception {
        Path jar = Path.of(context.getProperty("felix.fileinstall.dir"), "kvstore-interface.jar");
        byte[] content = Files.readAllBytes(Kvstore.interfaceJar());
        TestBundles.putAtomically(content, jar);
        Bundle interfaceBundle = Kvstore.awaitInterface(context);
        Kvstore.addProvider(context, "{\"prefix\":\"node/\"}");
        Map<String, String> outcome = admin.reloadAll();
        Eventually.await("kvstore running", () -> registry.plugin("kvstore")
                .map(status -> status.state() == PluginState.RUNNING && status.pid().isPresent()).orElse(false));
        long pid = registry.plugin("kvstore").orElseThrow().pid().getAsLong();
        long contractServiceId = (Long) contractService().getProperty("service.id");
        long installedAt = interfaceBundle.getLastModified();

        // the same jar again, as a new build would be: FileInstall sees a new file and updates the bundle
        TestBundles.putAtomically(content, jar);

        Eventually.await("interface bundle updated", () -> interfaceBundle.getLastModified() > installedAt);
        Kvstore.awaitInterface(context);
        Eventually.await("contract service registered again", () -> contractService() != null
                && (Long) contractService().getProperty("service.id") != contractServiceId);
        assertEquals("same plugin process", pid, registry.plugin("kvstore").orElseThrow().pid().getAsLong());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertNotEquals(contractServiceId, contractService().getProperty("service.id"));
        KeyValueStoreUse.putGetAndList(context, outcome);
    }

    /**
     * By name and without the class-space check, which would wire this test's bundle to the kvstore package (it
     * imports dynamically) and so make it part of the refresh that follows the update.
     */
    private ServiceReference<?> contractService() {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(Kvstore.CONTRACT, null);
            return references == null ? null : references[0];
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
