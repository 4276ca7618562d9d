package dev.pnode.logging.internal;

import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code log:set LEVEL [LOGGER]}: changes a log level on the running node, until it stops. */
@Component(service = LogSetCommand.class, property = {"osgi.command.scope=log", "osgi.command.function=set"})
public final class LogSetCommand {

    @Reference
    private LogLevels levels;

    @Descriptor("sets the log level of the whole node, until it stops")
    public String set(@Descriptor("OFF, ERROR, WARN, INFO, DEBUG or TRACE") String level) {
        return set(level, null);
    }

    @Descriptor("sets the log level of one logger and those below it, until the node stops")
    public String set(
            @Descriptor("OFF, ERROR, WARN, INFO, DEBUG or TRACE") String level,
            @Descriptor("a logger name (pnode's are class names, e.g. dev.pnode.host) or a bundle symbolic name"
                    + " (e.g. org.apache.felix.scr)") String logger) {
        NodeLogLevel parsed = NodeLogLevel.parse(level);
        levels.set(parsed, Optional.ofNullable(logger));
        return (logger == null ? "every logger" : logger) + ": " + parsed + "\n";
    }
}
