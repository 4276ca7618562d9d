package dev.pnode.logging.internal;

import dev.pnode.api.node.NodeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code log:tail [-n N] [--no-follow]}: the node's log file, then what is written to it until Ctrl-C (in
 * {@code pnode attach}: Ctrl-C ends the command, not the node).
 */
@Component(service = LogTailCommand.class, property = {"osgi.command.scope=log", "osgi.command.function=tail"})
public final class LogTailCommand {

    static final int MAX_LINES = 10_000;

    private final String logFile;

    @Activate
    public LogTailCommand(BundleContext context) {
        this.logFile = context.getProperty(NodeProperties.LOG_FILE);
    }

    @Descriptor("shows the end of the node's log file and follows it until Ctrl-C")
    public void tail(
            @Descriptor("how many lines to show first, at most " + MAX_LINES)
            @Parameter(names = {"-n", "--lines"}, absentValue = "20") int lines,
            @Descriptor("show the lines and return instead of following the file")
            @Parameter(names = {"--no-follow"}, presentValue = "true", absentValue = "false") boolean noFollow)
            throws IOException {
        if (lines < 0 || lines > MAX_LINES) {
            throw new IllegalArgumentException("-n must be between 0 and " + MAX_LINES + ", was " + lines);
        }
        if (logFile == null) {
            throw new IllegalStateException("this node writes no log file (" + NodeProperties.LOG_FILE + " is not set)");
        }
        Path file = Path.of(logFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the log file " + file + " does not exist");
        }
        LogFileTail tail = new LogFileTail(file);
        long end = tail.printLast(lines, System.out);
        if (!noFollow) {
            tail.follow(end, System.out);
        }
    }
}
