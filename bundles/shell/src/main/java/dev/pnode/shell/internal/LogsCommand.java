package dev.pnode.shell.internal;

import dev.pnode.api.PluginRegistry;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code plugin:logs KEY [-n N]}: what the plugin printed lately. */
@Component(service = LogsCommand.class, property = {"osgi.command.scope=plugin", "osgi.command.function=logs"})
public final class LogsCommand {

    static final int MAX_LINES = 10_000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PluginRegistry registry;

    @Descriptor("shows the plugin's most recent output (stdout, stderr, GRPCStdio), oldest first")
    public String logs(
            @Descriptor("how many lines, at most " + MAX_LINES)
            @Parameter(names = {"-n", "--lines"}, absentValue = "50") int lines,
            @Descriptor("the plugin's interface key, e.g. helloworld") String interfaceKey) {
        if (lines < 1 || lines > MAX_LINES) {
            throw new IllegalArgumentException("-n must be between 1 and " + MAX_LINES + ", was " + lines);
        }
        List<String> output = PluginHost.require(registry, PluginRegistry.class).recentOutput(interfaceKey, lines);
        if (output.isEmpty()) {
            return "(no output from plugin " + interfaceKey + " yet)\n";
        }
        return String.join("\n", output) + "\n";
    }
}
