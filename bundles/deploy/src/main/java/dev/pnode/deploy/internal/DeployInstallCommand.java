package dev.pnode.deploy.internal;

import dev.pnode.api.node.NodeProperties;
import java.io.IOException;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code deploy:install LOCATION}: puts a bundle into the hot deploy folder, where it stays across restarts. */
@Component(service = DeployInstallCommand.class,
        property = {"osgi.command.scope=deploy", "osgi.command.function=install"})
public final class DeployInstallCommand {

    private DeployFolder folder;

    @Activate
    void activate(BundleContext context) {
        folder = DeployFolder.of(Optional.ofNullable(context.getProperty(DeployFolder.FILEINSTALL_DIR)),
                Optional.ofNullable(context.getProperty(NodeProperties.DATADIR)));
    }

    @Descriptor("copies a bundle jar into the deploy folder (atomically), which installs or updates it")
    public String install(@Descriptor("path of a bundle jar, or a URL") String location) throws IOException {
        return folder.install(Locations.toUrl(location));
    }
}
