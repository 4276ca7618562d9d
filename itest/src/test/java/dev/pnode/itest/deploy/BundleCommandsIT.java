package dev.pnode.itest.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.osgi.framework.Version;

/** The bundle:* and deploy:install Gogo commands on a running node. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleCommandsIT {

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor commands;

    @Configuration
    public Option[] config() {
        return DeployNode.options();
    }

    @Test
    public void installsListsUpdatesStopsStartsAndUninstallsABundle() throws Exception {
        Path v1 = jar("dev.pnode.itest.cmd", "1.0.0");

        String installed = execute("bundle:install -s " + v1);
        Bundle bundle = Bundles.find(context, "dev.pnode.itest.cmd").orElseThrow();
        long id = bundle.getBundleId();
        assertEquals("Installed bundle " + id + " dev.pnode.itest.cmd 1.0.0 and started it", installed.strip());
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertEquals(v1.toUri().toString(), bundle.getLocation());

        String list = execute("bundle:list --no-format");
        assertTrue(list, list.contains(id + "\tACTIVE\t"));
        assertTrue(list, list.contains("\tdev.pnode.itest.cmd\t1.0.0\n"));
        assertTrue(execute("bundle:list").startsWith("ID  STATE"));

        String updated = execute("bundle:update dev.pnode.itest.cmd " + jar("dev.pnode.itest.cmd", "1.0.1"));
        assertEquals(new Version(1, 0, 1), bundle.getVersion());
        assertEquals("Updated bundle " + id + " dev.pnode.itest.cmd 1.0.1\n"
                + "Refreshed 1 bundle(s): " + id + " dev.pnode.itest.cmd 1.0.1", updated.strip());
        assertEquals(Bundle.ACTIVE, bundle.getState());

        assertEquals("Stopped bundle " + id + " dev.pnode.itest.cmd 1.0.1", execute("bundle:stop " + id).strip());
        assertEquals(Bundle.RESOLVED, bundle.getState());
        assertEquals("Started bundle " + id + " dev.pnode.itest.cmd 1.0.1", execute("bundle:start " + id).strip());
        assertEquals(Bundle.ACTIVE, bundle.getState());

        String uninstalled = execute("bundle:uninstall " + id);
        assertEquals(Bundle.UNINSTALLED, bundle.getState());
        assertTrue(uninstalled, uninstalled.startsWith("Uninstalled bundle " + id + " dev.pnode.itest.cmd 1.0.1\n"));
    }

    @Test
    public void installWithoutStartLeavesTheBundleInstalled() throws Exception {
        String installed = execute("bundle:install " + jar("dev.pnode.itest.unstarted", "1.0.0"));

        Bundle bundle = Bundles.find(context, "dev.pnode.itest.unstarted").orElseThrow();
        assertEquals("Installed bundle " + bundle.getBundleId() + " dev.pnode.itest.unstarted 1.0.0",
                installed.strip());
        assertEquals(Bundle.INSTALLED, bundle.getState());
    }

    @Test
    public void refreshRefreshesOnlyTheNamedBundlesAndWhatIsWiredToThem() throws Exception {
        execute("bundle:install -s " + jar("dev.pnode.itest.refreshed", "1.0.0"));
        execute("bundle:install -s " + jar("dev.pnode.itest.refreshed.too", "1.0.0"));
        long first = Bundles.find(context, "dev.pnode.itest.refreshed").orElseThrow().getBundleId();
        long second = Bundles.find(context, "dev.pnode.itest.refreshed.too").orElseThrow().getBundleId();

        String refreshed = execute("bundle:refresh " + first + " dev.pnode.itest.refreshed.too");

        assertEquals("Refreshed 2 bundle(s): " + first + " dev.pnode.itest.refreshed 1.0.0, " + second
                + " dev.pnode.itest.refreshed.too 1.0.0", refreshed.strip());
    }

    @Test
    public void refreshWithoutArgumentsTouchesNothingWhenNothingIsPendingRemoval() throws Exception {
        assertEquals("Nothing to refresh: no bundle is pending removal.", execute("bundle:refresh").strip());
    }

    @Test
    public void installingAMissingFileSaysWhichFile() {
        Exception e = assertThrows(Exception.class, () -> execute("bundle:install /nonexistent/kvstore.jar"));
        assertEquals("no such file: /nonexistent/kvstore.jar", e.getMessage());
    }

    @Test
    public void installingSomethingThatIsNotABundleSaysSo() throws Exception {
        Path text = Files.writeString(Files.createTempDirectory("pnode-itest-cmd-").resolve("notes.jar"), "notes");

        Exception e = assertThrows(Exception.class, () -> execute("bundle:install " + text));

        assertTrue(e.getMessage(),
                e.getMessage().startsWith(text.toUri() + " is not a bundle: it is not a readable jar"));
    }

    @Test
    public void anUnknownBundleIsNamedInTheError() {
        Exception e = assertThrows(Exception.class, () -> execute("bundle:uninstall dev.pnode.itest.nothing"));
        assertEquals("no bundle named 'dev.pnode.itest.nothing' (see bundle:list)", e.getMessage());
    }

    @Test
    public void theFrameworkItselfCannotBeStoppedOrUninstalledFromTheShell() {
        for (String command : new String[] {"bundle:stop 0", "bundle:uninstall 0"}) {
            Exception e = assertThrows(Exception.class, () -> execute(command));
            assertEquals(command, "bundle 0 is the framework itself: stop the node instead", e.getMessage());
        }
        assertEquals(org.osgi.framework.Bundle.ACTIVE, context.getBundle(0).getState());
    }

    @Test
    public void deployInstallCopiesIntoTheDeployFolderWhichInstallsAndStartsTheBundle() throws Exception {
        Path source = jar("dev.pnode.itest.deployed", "1.0.0");

        String copied = execute("deploy:install " + source);

        Path target = Path.of(context.getProperty("felix.fileinstall.dir"), source.getFileName().toString());
        assertTrue(copied, copied.startsWith("Copied dev.pnode.itest.deployed 1.0.0 to " + target));
        Eventually.await("deployed bundle ACTIVE", () -> Bundles.find(context, "dev.pnode.itest.deployed")
                .map(bundle -> bundle.getState() == Bundle.ACTIVE).orElse(false));
    }

    private static Path jar(String symbolicName, String version) throws Exception {
        Path directory = Files.createTempDirectory("pnode-itest-cmd-");
        return Files.write(directory.resolve(symbolicName + "-" + version + ".jar"),
                TestBundles.bundle(symbolicName, version));
    }

    /** The command's result (all these commands return their report); what else it prints is log noise here. */
    private String execute(String command) throws Exception {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        try (CommandSession session = commands.createSession(System.in, discard, discard)) {
            return String.valueOf(session.execute(command));
        }
    }
}
