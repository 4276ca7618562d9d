package dev.pnode.launcher.attach;

import dev.pnode.console.protocol.ConsoleSocket;
import dev.pnode.console.protocol.Frame;
import dev.pnode.console.protocol.FrameStream;
import dev.pnode.console.protocol.Hello;
import dev.pnode.launcher.config.ConfigException;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code pnode attach [--datadir DIR] [--config FILE] [--exec COMMAND]}: a Gogo session in the running node, over
 * its console socket {@code <datadir>/pnode.console}: interactive on this terminal, or one command whose output
 * is printed and whose failure is the exit code (like {@code geth attach --exec}).
 *
 * @param socket the node's console socket
 * @param command the command to run; empty for an interactive session
 */
public record AttachCommand(Path socket, Optional<String> command) {

    public static final String USAGE = "Usage: pnode attach [--datadir DIR] [--config FILE] [--exec COMMAND]\n"
            + "  --datadir DIR    the node's data directory (default: as the node finds it: --config, else ./"
            + NodeSettings.DEFAULT_DATA_DIR + ")\n"
            + "  --config FILE    the node's settings, for its DataDir (default: etc/pnode.toml)\n"
            + "  --exec COMMAND   run one Gogo command, print its output and exit: 0 done, 1 failed\n"
            + "Without --exec: an interactive session (line editing, history, TAB completion); Ctrl-C interrupts\n"
            + "the running command, `exit` or Ctrl-D leaves the session; the node keeps running.\n"
            + "Example: pnode attach --exec 'plugin:list'\n";

    /** Parses the arguments after {@code attach}; the data directory is found like the node finds it. */
    public static AttachCommand parse(String[] arguments, Path home, Path workingDir) throws UsageException,
            ConfigException {
        Path dataDir = null;
        Path config = null;
        String command = null;
        for (int i = 0; i < arguments.length; i++) {
            String flag = arguments[i];
            if (i + 1 >= arguments.length) {
                throw new UsageException(flag.startsWith("-") ? "flag " + flag + " needs a value"
                        : "unexpected argument '" + flag + "'");
            }
            String value = arguments[++i];
            switch (flag) {
                case "--datadir", "-datadir" -> dataDir = Path.of(value);
                case "--config", "-config" -> config = Path.of(value);
                case "--exec", "-exec" -> command = value;
                default -> throw new UsageException(flag.startsWith("-") ? "unknown flag '" + flag + "'"
                        : "unexpected argument '" + flag + "'");
            }
        }
        if (command != null && command.isBlank()) {
            throw new UsageException("--exec needs a command, e.g. --exec 'plugin:list'");
        }
        Path node = NodeSettings.dataDir(Optional.ofNullable(config), Optional.ofNullable(dataDir), home, workingDir);
        return new AttachCommand(ConsoleSocket.in(node), Optional.ofNullable(command));
    }

    /** Runs the session; returns the exit code (the command's with --exec). */
    public int run(PrintStream out, PrintStream err) {
        if (command.isEmpty() && System.console() == null) {
            err.println("pnode attach: standard input or output is not a terminal; run one command with --exec");
            return 1;
        }
        try (SocketChannel connection = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                connection.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                err.println("pnode attach: cannot connect to " + socket + " (is the node running, with this data"
                        + " directory?): " + e.getMessage());
                return 1;
            }
            FrameStream frames = FrameStream.over(connection);
            return command.isPresent() ? execute(frames, command.get(), out, err) : new TerminalRelay(frames).run();
        } catch (IOException e) {
            err.println("pnode attach: " + e.getMessage());
            return 1;
        }
    }

    private static int execute(FrameStream frames, String command, PrintStream out, PrintStream err)
            throws IOException {
        frames.write(new Hello(Optional.of(command), "dumb", 80, 24).toFrame());
        for (Frame frame = frames.read(); frame != null; frame = frames.read()) {
            switch (frame.type()) {
                case OUTPUT -> out.write(frame.payload());
                case ERROR_OUTPUT -> err.write(frame.payload());
                case EXIT -> {
                    out.flush();
                    err.flush();
                    return frame.firstInt();
                }
                default -> throw new IOException("the node sent " + frame.type() + " to an --exec client");
            }
        }
        throw new IOException("the node closed the session without an exit code (did it stop?)");
    }
}
