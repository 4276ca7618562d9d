package dev.pnode.launcher;

import dev.pnode.api.node.NodeProperties;
import dev.pnode.launcher.attach.AttachCommand;
import dev.pnode.launcher.boot.BootException;
import dev.pnode.launcher.boot.ClassDataRecording;
import dev.pnode.launcher.boot.DataDirectory;
import dev.pnode.launcher.boot.Node;
import dev.pnode.launcher.config.CommandLine;
import dev.pnode.launcher.config.ConfigException;
import dev.pnode.launcher.config.NodeConfig;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.UsageException;
import dev.pnode.launcher.logging.NodeLogManager;
import dev.pnode.launcher.logging.NodeLogging;
import dev.pnode.launcher.rpc.RpcCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;

/**
 * {@code pnode}: starts a node, or runs one of the subcommands {@code dumpconfig}, {@code rpc}, {@code attach} and
 * {@code version}.
 * Exit codes: 0 done (or stopped cleanly, also on SIGTERM/SIGINT), 1 failed, 2 bad command line.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    static {
        // before the first logger exists: JUL reads this once. bin/pnode sets it too; this covers `java -cp`.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", NodeLogManager.class.getName());
        }
    }

    private static final System.Logger LOG = System.getLogger("dev.pnode.launcher");

    /** The exit code the shutdown hook ends the JVM with: 0 for a signal, whatever {@link #exit} was given. */
    private static volatile int exitCode = EXIT_OK;
    /** Set by the shutdown hook, which then reports the stop itself. */
    private static volatile boolean stoppingOnSignal;

    private Main() {
    }

    public static void main(String[] arguments) {
        exit(run(arguments, System.out, System.err));
    }

    /** Runs the command and returns the exit code; for a node, once it has stopped. */
    static int run(String[] arguments, PrintStream out, PrintStream err) {
        if (arguments.length > 0 && arguments[0].equals("version")) {
            out.println("pnode " + version());
            return EXIT_OK;
        }
        if (arguments.length > 0 && arguments[0].equals("rpc")) {
            return rpc(Arrays.copyOfRange(arguments, 1, arguments.length), out, err);
        }
        if (arguments.length > 0 && arguments[0].equals("attach")) {
            return attach(Arrays.copyOfRange(arguments, 1, arguments.length), out, err);
        }
        if (arguments.length > 0 && arguments[0].equals("dumpconfig")) {
            return dumpConfig(Arrays.copyOfRange(arguments, 1, arguments.length), out, err);
        }
        return withFlags("pnode", arguments, out, err,
                flags -> runNode(NodeSettings.resolve(flags, home(), workingDir(), System.console() != null)));
    }

    /** A command that takes the node's flags: {@code pnode} itself and {@code pnode dumpconfig}. */
    @FunctionalInterface
    private interface FlagsCommand {
        int run(CommandLine flags) throws UsageException, ConfigException;
    }

    /** Parses the flags, answers {@code --help}, and reports bad flags (exit 2) and bad settings (exit 1). */
    private static int withFlags(String name, String[] arguments, PrintStream out, PrintStream err,
            FlagsCommand command) {
        try {
            CommandLine flags = CommandLine.parse(arguments);
            if (flags.help()) {
                out.print(CommandLine.usage());
                return EXIT_OK;
            }
            return command.run(flags);
        } catch (UsageException e) {
            err.println(name + ": " + e.getMessage());
            err.print(CommandLine.usage());
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println(name + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** {@code pnode dumpconfig [flags]}: the settings a node started with these flags would use, as TOML. */
    private static int dumpConfig(String[] arguments, PrintStream out, PrintStream err) {
        return withFlags("pnode dumpconfig", arguments, out, err, flags -> {
            out.print(NodeConfig.resolve(flags, home(), workingDir()).toToml());
            return EXIT_OK;
        });
    }

    private static int rpc(String[] arguments, PrintStream out, PrintStream err) {
        return client("pnode rpc", RpcCommand.USAGE, () -> RpcCommand.parse(arguments, home(), workingDir())::run,
                out, err);
    }

    private static int attach(String[] arguments, PrintStream out, PrintStream err) {
        if (arguments.length == 1 && (arguments[0].equals("--help") || arguments[0].equals("-h"))) {
            out.print(AttachCommand.USAGE);
            return EXIT_OK;
        }
        return client("pnode attach", AttachCommand.USAGE,
                () -> AttachCommand.parse(arguments, home(), workingDir())::run, out, err);
    }

    /** A subcommand that talks to a running node, parsed from its arguments. */
    @FunctionalInterface
    private interface ClientCommand {
        int run(PrintStream out, PrintStream err);
    }

    @FunctionalInterface
    private interface ClientParser {
        ClientCommand parse() throws UsageException, ConfigException;
    }

    /** Runs a client subcommand: bad arguments print the usage (exit 2), bad settings say why (exit 1). */
    private static int client(String name, String usage, ClientParser parser, PrintStream out, PrintStream err) {
        try {
            return parser.parse().run(out, err);
        } catch (UsageException e) {
            err.println(name + ": " + e.getMessage());
            err.print(usage);
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println(name + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int runNode(NodeSettings settings) {
        NodeSettings.Logging logging = settings.logging();
        NodeLogging.toConsole(settings.verbosity(), logging.format());
        Node node;
        try {
            DataDirectory dataDirectory = DataDirectory.prepare(settings.dataDir());
            NodeLogging.toConsoleAndFile(settings.verbosity(), logging.format(), logging.maxSizeMegabytes(),
                    logging.maxBackups(), dataDirectory.resolve(DataDirectory.LOGS));
            node = Node.prepare(settings, dataDirectory);
            // before starting: a signal during a long boot (readiness) must stop the plugins too
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(node), "pnode-shutdown"));
            node.start();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot prepare data directory " + settings.dataDir() + ": " + e.getMessage());
            return EXIT_FAILED;
        } catch (BootException e) {
            LOG.log(Level.ERROR, "pnode failed to start: " + e.getMessage(),
                    LOG.isLoggable(Level.DEBUG) ? e : null);
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            return EXIT_FAILED;
        }
        LOG.log(Level.INFO, "pnode started in {0,number,#} ms ({1} bundles)", Node.millisSinceJvmStart(),
                node.bundles().size());
        ClassDataRecording.markBooted();
        try {
            FrameworkEvent stopped = node.awaitStop();
            if (stopped.getType() == FrameworkEvent.STOPPED_UPDATE) {
                LOG.log(Level.WARNING, "the framework was updated (update 0); pnode does not restart it in place:"
                        + " start the node again");
            }
            if (!stoppingOnSignal) {
                LOG.log(Level.INFO, "pnode stopped");
            }
            return EXIT_OK;
        } catch (InterruptedException e) {
            return EXIT_FAILED;
        }
    }

    /**
     * The shutdown hook: stops the framework cleanly, then ends the JVM with {@link #exitCode} (0 for SIGTERM or
     * SIGINT, which the JVM would otherwise report as 143/130). Logging is closed last so the bundles' last
     * messages are written.
     */
    private static void stopOnSignal(Node node) {
        try {
            if ((node.framework().getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                stoppingOnSignal = true;
                LOG.log(Level.INFO, "stopping pnode");
                if (node.stop()) {
                    LOG.log(Level.INFO, "pnode stopped");
                } else {
                    LOG.log(Level.ERROR, "pnode did not stop within {0} s", Node.STOP_TIMEOUT.toSeconds());
                    exitCode = EXIT_FAILED;
                }
            }
        } catch (InterruptedException e) {
            exitCode = EXIT_FAILED;
        } finally {
            NodeLogManager.shutDownLogging();
            Runtime.getRuntime().halt(exitCode);
        }
    }

    private static void exit(int code) {
        exitCode = code;
        System.exit(code);
    }

    /** The distribution directory: {@code -Dpnode.home} (set by bin/pnode), else the current directory. */
    private static Path home() {
        String home = System.getProperty(NodeProperties.HOME);
        return home == null ? workingDir() : Path.of(home).toAbsolutePath().normalize();
    }

    private static Path workingDir() {
        return Path.of("").toAbsolutePath();
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
