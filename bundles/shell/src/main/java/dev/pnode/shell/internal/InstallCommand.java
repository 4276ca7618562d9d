package dev.pnode.shell.internal;

import dev.pnode.api.DownloadProgress;
import dev.pnode.api.InstalledPlugin;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code plugin:install NAME VERSION}: downloads a plugin from the settings' plugin central, verifies it and puts
 * it into the base directory without starting it (see {@link PluginAdmin#install}); progress goes to the console.
 */
@Component(service = InstallCommand.class, property = {"osgi.command.scope=plugin", "osgi.command.function=install"})
public final class InstallCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PluginAdmin admin;

    @Descriptor("downloads and verifies a plugin from the plugin central into the plugin directory, without starting it")
    public String install(CommandSession session,
            @Descriptor("the plugin's name, e.g. helloworld") String name,
            @Descriptor("the plugin's version, e.g. 1.0.0") String version) throws PluginException {
        PrintStream console = session == null ? null : session.getConsole();
        return install(console, name, version);
    }

    String install(PrintStream console, String name, String version) throws PluginException {
        PluginAdmin plugins = PluginHost.require(admin, PluginAdmin.class);
        InstalledPlugin installed = plugins.install(name, version,
                console == null ? DownloadProgress.NONE : new ConsoleProgress(console));
        return installed.downloaded()
                ? name + " " + version + ": downloaded, verified and installed as " + installed.zip()
                        + " (not started: name it in the plugin settings and run plugin:reload --all)\n"
                : name + " " + version + ": already installed as " + installed.zip() + " (checked, not downloaded)\n";
    }
}
