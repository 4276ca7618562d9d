package dev.pnode.deploy.internal;

import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code bundle:uninstall ID|BSN}: uninstalls one bundle, then refreshes what was wired to it. */
@Component(service = UninstallCommand.class,
        property = {"osgi.command.scope=bundle", "osgi.command.function=uninstall"})
public final class UninstallCommand {

    private BundleContext context;
    private Refresher refresher;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        refresher = new Refresher(bundleContext);
    }

    @Descriptor("uninstalls a bundle, then refreshes the bundles that were wired to it")
    public String uninstall(@Descriptor("bundle ID or symbolic name") String bundle)
            throws BundleException, InterruptedException {
        Bundle selected = BundleSelector.selectNotFramework(bundle, context);
        String description = BundleRow.of(selected).describe();
        selected.uninstall();
        return "Uninstalled bundle " + description + "\n" + refresher.refresh(List.of(selected));
    }
}
