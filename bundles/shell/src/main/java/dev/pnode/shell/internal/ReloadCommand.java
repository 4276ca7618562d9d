package dev.pnode.shell.internal;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code plugin:reload KEY...} and {@code plugin:reload --all}: make before break, the old process serves until
 * the new one does (see {@link PluginAdmin}).
 */
@Component(service = ReloadCommand.class, property = {"osgi.command.scope=plugin", "osgi.command.function=reload"})
public final class ReloadCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PluginAdmin admin;

    @Descriptor("reloads plugins with their current settings and config, without failing calls in flight")
    public String reload(
            @Descriptor("re-read the whole settings file: start added, stop removed, reload changed plugins")
            @Parameter(names = {"-a", "--all"}, presentValue = "true", absentValue = "false") boolean all,
            @Descriptor("interface keys of the plugins to reload, e.g. helloworld") String... interfaceKeys)
            throws PluginException {
        PluginAdmin plugins = PluginHost.require(admin, PluginAdmin.class);
        if (all == (interfaceKeys.length > 0)) {
            throw new IllegalArgumentException("name the plugins to reload, or give --all (not both)");
        }
        return all ? reloadAll(plugins) : reloadEach(plugins, interfaceKeys);
    }

    private static String reloadAll(PluginAdmin plugins) throws PluginException {
        Map<String, String> outcome = plugins.reloadAll();
        if (outcome.isEmpty()) {
            return "no plugin changed\n";
        }
        StringBuilder text = new StringBuilder();
        outcome.forEach((key, what) -> text.append(key).append(": ").append(what).append('\n'));
        return text.toString();
    }

    /** Tries every key; fails (for scripts) if any failed, listing what happened to each. */
    private static String reloadEach(PluginAdmin plugins, String[] interfaceKeys) throws PluginException {
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (String key : interfaceKeys) {
            try {
                plugins.reload(key);
                lines.add(key + ": reloaded");
            } catch (PluginException | IllegalArgumentException e) {
                lines.add(key + ": " + e.getMessage());
                failed = true;
            }
        }
        String text = String.join("\n", lines);
        if (failed) {
            throw new PluginException(text);
        }
        return text + "\n";
    }
}
