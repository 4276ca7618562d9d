package dev.pnode.launcher.config;

import dev.pnode.launcher.logging.LogOutputFormat;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The flags given to {@code pnode} to start a node. Absent flags are empty, so that the TOML settings and the
 * defaults can fill them in ({@link NodeSettings}).
 */
public final class CommandLine {

    private final Map<Flag, String> values;

    private CommandLine(Map<Flag, String> values) {
        this.values = values;
    }

    /** Parses the arguments; each problem is a {@link UsageException} whose message names the flag. */
    public static CommandLine parse(String... arguments) throws UsageException {
        Map<Flag, String> values = new EnumMap<>(Flag.class);
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (argument.equals("-h")) {
                values.put(Flag.HELP, "true");
                continue;
            }
            if (!argument.startsWith("-")) {
                throw new UsageException("unexpected argument '" + argument + "'");
            }
            // geth accepts one or two dashes
            String text = argument.startsWith("--") ? argument.substring(2) : argument.substring(1);
            int equals = text.indexOf('=');
            String name = equals < 0 ? text : text.substring(0, equals);
            Flag flag = Flag.named(name).orElseThrow(() -> new UsageException("unknown flag '" + argument + "'"));
            if (values.containsKey(flag)) {
                throw new UsageException("flag --" + name + " is given twice");
            }
            String value;
            if (!flag.takesValue()) {
                if (equals >= 0) {
                    throw new UsageException("flag --" + name + " takes no value");
                }
                value = "true";
            } else if (equals >= 0) {
                value = text.substring(equals + 1);
            } else if (i + 1 < arguments.length) {
                value = arguments[++i];
            } else {
                throw new UsageException("flag --" + name + " needs a value");
            }
            if (flag.takesValue() && value.isEmpty()) {
                throw new UsageException("flag --" + name + " needs a non-empty value");
            }
            values.put(flag, value);
        }
        CommandLine commandLine = new CommandLine(values);
        commandLine.validate();
        return commandLine;
    }

    private void validate() throws UsageException {
        for (Flag flag : new Flag[] {Flag.DATADIR, Flag.CONFIG, Flag.PLUGINS}) {
            path(flag);
        }
        verbosity();
        logFormat();
        logMaxSize();
        logMaxBackups();
        metricsPort();
        httpPort();
        EndpointSetting.validate(this);
    }

    /** The flag's value as given ({@code true} for a switch), or empty when absent. */
    Optional<String> value(Flag flag) {
        return Optional.ofNullable(values.get(flag));
    }

    public boolean help() {
        return values.containsKey(Flag.HELP);
    }

    public Optional<Path> dataDir() throws UsageException {
        return path(Flag.DATADIR);
    }

    public Optional<Path> config() throws UsageException {
        return path(Flag.CONFIG);
    }

    public Optional<Path> plugins() throws UsageException {
        return path(Flag.PLUGINS);
    }

    public Optional<Integer> verbosity() throws UsageException {
        return integer(Flag.VERBOSITY, SettingRanges.VERBOSITY_MIN, SettingRanges.VERBOSITY_MAX);
    }

    public Optional<LogOutputFormat> logFormat() throws UsageException {
        String value = values.get(Flag.LOG_FORMAT);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(LogOutputFormat.named(value).orElseThrow(() -> new UsageException(
                "flag --" + Flag.LOG_FORMAT.flagName() + ": '" + value + "' must be text or json")));
    }

    public Optional<Integer> logMaxSize() throws UsageException {
        return integer(Flag.LOG_MAXSIZE, SettingRanges.LOG_MAXSIZE_MIN, SettingRanges.LOG_MAXSIZE_MAX);
    }

    public Optional<Integer> logMaxBackups() throws UsageException {
        return integer(Flag.LOG_MAXBACKUPS, SettingRanges.LOG_MAXBACKUPS_MIN, SettingRanges.LOG_MAXBACKUPS_MAX);
    }

    /** True when {@code --http} is given; empty otherwise (the TOML setting decides). */
    public Optional<Boolean> metricsEnabled() {
        return values.containsKey(Flag.METRICS) ? Optional.of(true) : Optional.empty();
    }

    public Optional<String> metricsHost() {
        return Optional.ofNullable(values.get(Flag.METRICS_ADDR));
    }

    public Optional<Integer> metricsPort() throws UsageException {
        return integer(Flag.METRICS_PORT, SettingRanges.PORT_MIN, SettingRanges.PORT_MAX);
    }

    public Optional<Boolean> httpEnabled() {
        return values.containsKey(Flag.HTTP) ? Optional.of(true) : Optional.empty();
    }

    public Optional<String> httpHost() {
        return Optional.ofNullable(values.get(Flag.HTTP_ADDR));
    }

    public Optional<String> httpApi() {
        return Optional.ofNullable(values.get(Flag.HTTP_API));
    }

    public Optional<Integer> httpPort() throws UsageException {
        return integer(Flag.HTTP_PORT, SettingRanges.PORT_MIN, SettingRanges.PORT_MAX);
    }

    public boolean noInteractive() {
        return values.containsKey(Flag.NOINTERACTIVE);
    }

    private Optional<Path> path(Flag flag) throws UsageException {
        String value = values.get(flag);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            throw new UsageException("flag --" + flag.flagName() + ": '" + value + "' is not a valid path");
        }
    }

    Optional<Integer> integer(Flag flag, int min, int max) throws UsageException {
        String value = values.get(flag);
        if (value == null) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new UsageException("flag --" + flag.flagName() + ": '" + value + "' must be a whole number from " + min
                + " to " + max);
    }

    /** The help text: synopsis of the commands, then every flag with its default. */
    public static String usage() {
        return "Usage: pnode [flags]                      start a node\n"
                + "       pnode rpc [--datadir DIR] [--config FILE] [--ipc PATH] METHOD [JSON_PARAMS]\n"
                + "                                         call the node's JSON-RPC API over its IPC socket\n"
                + "       pnode attach [--datadir DIR] [--config FILE] [--exec COMMAND]\n"
                + "                                         a shell in the running node (pnode attach --help)\n"
                + "       pnode central keygen|publish|export-public ...\n"
                + "                                         sign plugin zips into a plugin central (pnode central help)\n"
                + "       pnode version                     print the version\n"
                + "\n"
                + "Flags:\n"
                + Arrays.stream(Flag.values()).map(Flag::usageLine).collect(Collectors.joining("\n")) + "\n"
                + "\n"
                + "Environment (bin/pnode): JAVA_HOME, JAVA_OPTS (default -XX:+UseSerialGC -Xss512k"
                + " -XX:+ExitOnOutOfMemoryError).\n";
    }
}
