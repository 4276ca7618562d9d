package dev.pnode.itest.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.Version;

/** The hot deploy folder of a running node: Felix FileInstall watching {@code <datadir>/deploy}. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return DeployNode.options();
    }

    @Test
    public void aDroppedBundleIsInstalledAndStarted() throws Exception {
        Path jar = TestBundles.putAtomically(TestBundles.bundle("dev.pnode.itest.dropped", "1.0.0"),
                deployFolder().resolve("dropped.jar"));

        Bundle bundle = Bundles.await(context, "dev.pnode.itest.dropped", Bundle.ACTIVE);

        assertEquals(fileInstallLocation(jar), bundle.getLocation());
    }

    @Test
    public void aReplacedJarUpdatesTheSameBundle() throws Exception {
        Path jar = deployFolder().resolve("replaced.jar");
        TestBundles.putAtomically(TestBundles.bundle("dev.pnode.itest.replaced", "1.0.0"), jar);
        Bundle first = Bundles.await(context, "dev.pnode.itest.replaced", Bundle.ACTIVE);
        long installedAt = first.getLastModified();

        TestBundles.putAtomically(TestBundles.bundle("dev.pnode.itest.replaced", "1.0.1"), jar);

        Eventually.await("bundle updated to 1.0.1", () -> first.getVersion().equals(new Version(1, 0, 1)));
        Bundle updated = Bundles.await(context, "dev.pnode.itest.replaced", Bundle.ACTIVE);
        assertEquals("updated in place, not reinstalled", first.getBundleId(), updated.getBundleId());
        assertTrue("newer last-modified", updated.getLastModified() > installedAt);
    }

    @Test
    public void aDeletedJarUninstallsItsBundle() throws Exception {
        Path jar = TestBundles.putAtomically(TestBundles.bundle("dev.pnode.itest.deleted", "1.0.0"),
                deployFolder().resolve("deleted.jar"));
        Bundle bundle = Bundles.await(context, "dev.pnode.itest.deleted", Bundle.ACTIVE);

        Files.delete(jar);

        Eventually.await("bundle uninstalled", () -> bundle.getState() == Bundle.UNINSTALLED);
        assertEquals(Optional.empty(), Bundles.find(context, "dev.pnode.itest.deleted"));
    }

    /**
     * A jar copied slowly, with pauses longer than FileInstall's poll, is seen half-written many times: it must be
     * installed once, when complete, and never fail.
     */
    @Test
    public void aSlowlyCopiedJarIsInstalledOnceWhenCompleteWithoutErrors() throws Exception {
        byte[] content = TestBundles.bundle("dev.pnode.itest.slow", "1.0.0");
        Path jar = deployFolder().resolve("slow.jar");
        String location = fileInstallLocation(jar);
        List<String> events = new CopyOnWriteArrayList<>();
        BundleListener bundleEvents = event -> {
            if (event.getBundle().getLocation().equals(location)) {
                events.add(typeOf(event));
            }
        };
        List<String> errors = new CopyOnWriteArrayList<>();
        FrameworkListener frameworkErrors = event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                errors.add(event.getBundle().getSymbolicName() + ": " + event.getThrowable());
            }
        };
        context.addBundleListener(bundleEvents);
        context.addFrameworkListener(frameworkErrors);
        try {
            int chunks = 4;
            int chunk = content.length / chunks + 1;
            try (OutputStream out = Files.newOutputStream(jar)) {
                for (int offset = 0; offset < content.length; offset += chunk) {
                    out.write(content, offset, Math.min(chunk, content.length - offset));
                    out.flush();
                    // several polls see the same partial file: FileInstall considers it stable and tries it
                    Thread.sleep(3L * pollMillis());
                    if (offset + chunk < content.length) {
                        assertEquals("nothing installed from a partial jar", Optional.empty(),
                                Bundles.find(context, "dev.pnode.itest.slow"));
                    }
                }
            }
            Bundles.await(context, "dev.pnode.itest.slow", Bundle.ACTIVE);
        } finally {
            context.removeBundleListener(bundleEvents);
            context.removeFrameworkListener(frameworkErrors);
        }
        assertEquals("installed once", 1, events.stream().filter("INSTALLED"::equals).count());
        assertTrue(events.toString(), !events.contains("UNINSTALLED"));
        assertEquals(List.of(), errors);
    }

    /** FileInstall names a bundle by {@code File.toURI()}: {@code file:/...}, not {@code file:///...}. */
    private static String fileInstallLocation(Path jar) {
        return jar.toFile().toURI().normalize().toString();
    }

    private long pollMillis() {
        return Long.parseLong(context.getProperty("felix.fileinstall.poll"));
    }

    private Path deployFolder() {
        return Path.of(context.getProperty("felix.fileinstall.dir"));
    }

    private static String typeOf(BundleEvent event) {
        return switch (event.getType()) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPED -> "STOPPED";
            default -> Integer.toString(event.getType());
        };
    }
}
