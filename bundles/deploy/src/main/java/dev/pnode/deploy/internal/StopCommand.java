package dev.pnode.deploy.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code bundle:stop ID|BSN}. */
@Component(service = StopCommand.class,
        property = {"osgi.command.scope=bundle", "osgi.command.function=stop"})
public final class StopCommand {

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
    }

    @Descriptor("stops a bundle (persistently: it stays stopped until bundle:start)")
    public String stop(@Descriptor("bundle ID or symbolic name") String bundle) throws BundleException {
        Bundle selected = BundleSelector.selectNotFramework(bundle, context);
        selected.stop();
        return "Stopped bundle " + BundleRow.of(selected).describe();
    }
}
