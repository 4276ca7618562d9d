package dev.pnode.deploy.internal;

import java.util.Arrays;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code bundle:refresh [ID|BSN...]}: rewires the given bundles and their dependents; without arguments only the
 * bundles pending removal (left over by an uninstall or update), never every bundle.
 */
@Component(service = RefreshCommand.class,
        property = {"osgi.command.scope=bundle", "osgi.command.function=refresh"})
public final class RefreshCommand {

    private BundleContext context;
    private Refresher refresher;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        refresher = new Refresher(bundleContext);
    }

    @Descriptor("refreshes the bundles pending removal (what uninstalls and updates left behind)")
    public String refresh() throws InterruptedException {
        return refresher.refresh(List.of());
    }

    @Descriptor("refreshes the given bundles and the bundles wired to them")
    public String refresh(@Descriptor("bundle IDs or symbolic names") String... bundles) throws InterruptedException {
        List<Bundle> selected = Arrays.stream(bundles).map(bundle -> BundleSelector.select(bundle, context)).toList();
        return refresher.refresh(selected);
    }
}
