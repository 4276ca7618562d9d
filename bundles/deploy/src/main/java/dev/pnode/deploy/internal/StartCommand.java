package dev.pnode.deploy.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code bundle:start ID|BSN}. */
@Component(service = StartCommand.class,
        property = {"osgi.command.scope=bundle", "osgi.command.function=start"})
public final class StartCommand {

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
    }

    @Descriptor("starts a bundle (persistently: it starts again with the node while installed)")
    public String start(@Descriptor("bundle ID or symbolic name") String bundle) throws BundleException {
        Bundle selected = BundleSelector.select(bundle, context);
        selected.start();
        return "Started bundle " + BundleRow.of(selected).describe();
    }
}
