package dev.pnode.deploy.internal;

import java.io.IOException;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code bundle:install [-s] LOCATION}: installs a bundle from a path or URL for this run of the node. Bundles that
 * must survive a restart belong in the deploy folder ({@code deploy:install}).
 */
@Component(service = InstallCommand.class,
        property = {"osgi.command.scope=bundle", "osgi.command.function=install"})
public final class InstallCommand {

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
    }

    @Descriptor("installs a bundle from a jar path or URL (file paths become file: URLs)")
    public String install(
            @Descriptor("start the bundle once installed")
            @Parameter(names = {"-s", "--start"}, presentValue = "true", absentValue = "false") boolean start,
            @Descriptor("path of a bundle jar, or a URL") String location) throws IOException, BundleException {
        String url = Locations.toUrl(location);
        Bundle existing = context.getBundle(url);
        if (existing != null) {
            throw new IllegalArgumentException(url + " is already installed as bundle "
                    + BundleRow.of(existing).describe() + "; use bundle:update " + existing.getBundleId());
        }
        Bundle bundle = BundleArchive.useChecked(url, content -> context.installBundle(url, content));
        String installed = "Installed bundle " + BundleRow.of(bundle).describe();
        if (!start) {
            return installed;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new IllegalStateException(installed + " but could not start it: " + e.getMessage(), e);
        }
        return installed + " and started it";
    }
}
