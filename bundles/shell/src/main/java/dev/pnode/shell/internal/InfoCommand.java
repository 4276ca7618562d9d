package dev.pnode.shell.internal;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginStatus;
import java.time.Clock;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code plugin:info KEY}: everything the host knows about one plugin. */
@Component(service = InfoCommand.class, property = {"osgi.command.scope=plugin", "osgi.command.function=info"})
public final class InfoCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PluginRegistry registry;

    Clock clock = Clock.systemUTC();

    @Descriptor("shows one plugin's details")
    public String info(@Descriptor("the plugin's interface key, e.g. helloworld") String interfaceKey) {
        PluginRegistry plugins = PluginHost.require(registry, PluginRegistry.class);
        PluginStatus plugin = plugins.plugin(interfaceKey).orElseThrow(() -> new IllegalArgumentException(
                "no plugin is configured under " + interfaceKey + " (configured: " + plugins.plugins().stream()
                        .map(PluginStatus::interfaceKey).collect(Collectors.joining(", ")) + ")"));
        return PluginStatusText.details(plugin, clock.instant());
    }
}
