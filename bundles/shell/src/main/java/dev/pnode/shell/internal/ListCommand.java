package dev.pnode.shell.internal;

import dev.pnode.api.PluginRegistry;
import java.time.Clock;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code plugin:list}: every configured plugin and how it is doing. */
@Component(service = ListCommand.class, property = {"osgi.command.scope=plugin", "osgi.command.function=list"})
public final class ListCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PluginRegistry registry;

    Clock clock = Clock.systemUTC();

    @Descriptor("lists the configured plugins: state, process id, uptime, restarts and last error")
    public String list(
            @Descriptor("tab-separated values with full error messages, for scripts")
            @Parameter(names = "--no-format", presentValue = "true", absentValue = "false") boolean noFormat) {
        return PluginStatusText.list(PluginHost.require(registry, PluginRegistry.class).plugins(), clock.instant(),
                noFormat);
    }
}
