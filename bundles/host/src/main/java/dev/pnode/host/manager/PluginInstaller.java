package dev.pnode.host.manager;

import dev.pnode.api.DownloadProgress;
import dev.pnode.api.InstalledPlugin;
import dev.pnode.api.PluginException;
import dev.pnode.host.discovery.CentralPluginSource;
import dev.pnode.host.discovery.DiscoveryException;
import dev.pnode.host.discovery.PluginLocator;
import dev.pnode.host.settings.PluginSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code PluginAdmin.install}: puts a plugin's zip into the base directory, verified as a start would, without
 * starting anything. Finds an installed zip as every start does ({@link PluginLocator}).
 */
final class PluginInstaller {

    private static final System.Logger LOG = System.getLogger(PluginInstaller.class.getName());

    private final PluginLocator locator;
    private final CentralPluginSource central;

    PluginInstaller(PluginLocator locator, CentralPluginSource central) {
        this.locator = locator;
        this.central = central;
    }

    /**
     * Re-checks a zip that is already there, else downloads it from the settings' central on the caller's thread.
     *
     * @param settingsName names the settings in the error for settings without a central
     */
    InstalledPlugin install(String name, String version, PluginSettings settings, String settingsName,
            DownloadProgress progress) throws PluginException {
        try {
            Optional<Path> installed = locator.findInBaseDir(name, version, settings.baseDir());
            if (installed.isPresent()) {
                central.verifyInstalled(installed.get());
                LOG.log(System.Logger.Level.INFO, "plugin {0} {1} is already installed as {2}", name, version,
                        installed.get());
                return new InstalledPlugin(name, version, installed.get(), false);
            }
            if (settings.central().isEmpty()) {
                throw new PluginException("cannot install plugin " + name + " " + version + ": " + settingsName
                        + " configure no central; copy " + name + "-" + version + ".zip into " + settings.baseDir()
                        + " instead");
            }
            return new InstalledPlugin(name, version,
                    central.install(name, version, settings.central().get(), settings.baseDir(), progress), true);
        } catch (DiscoveryException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }
}
