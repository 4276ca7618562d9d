package dev.pnode.deploy.internal;

import java.io.IOException;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code bundle:update ID|BSN [LOCATION]}: updates one bundle, then refreshes it and what is wired to it. */
@Component(service = UpdateCommand.class,
        property = {"osgi.command.scope=bundle", "osgi.command.function=update"})
public final class UpdateCommand {

    private BundleContext context;
    private Refresher refresher;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        refresher = new Refresher(bundleContext);
    }

    @Descriptor("updates a bundle from its own location, then refreshes it")
    public String update(@Descriptor("bundle ID or symbolic name") String bundle)
            throws BundleException, InterruptedException {
        Bundle selected = BundleSelector.select(bundle, context);
        selected.update();
        return updated(selected);
    }

    @Descriptor("updates a bundle from another jar path or URL, then refreshes it")
    public String update(@Descriptor("bundle ID or symbolic name") String bundle,
            @Descriptor("path of the new bundle jar, or a URL") String location)
            throws IOException, BundleException, InterruptedException {
        Bundle selected = BundleSelector.select(bundle, context);
        String url = Locations.toUrl(location);
        BundleArchive.useChecked(url, content -> {
            selected.update(content);
            return selected;
        });
        return updated(selected);
    }

    private String updated(Bundle bundle) throws InterruptedException {
        return "Updated bundle " + BundleRow.of(bundle).describe() + "\n" + refresher.refresh(List.of(bundle));
    }
}
