package dev.pnode.launcher.config;

import java.net.URI;
import java.net.URISyntaxException;
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

    private static final String FILE_SCHEME = "file:";

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
        for (Flag flag : new Flag[] {Flag.DATADIR, Flag.CONFIG, Flag.PLUGINS, Flag.PLUGINS_PUBLIC_KEY}) {
            path(flag);
        }
        verbosity();
        httpPort();
        pluginVerification();
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

    /**
     * Quorum's verification flags, checked as Quorum checks them: skip and local exclude each other, and a public
     * key needs local verification.
     */
    public PluginVerification pluginVerification() throws UsageException {
        boolean skip = values.containsKey(Flag.PLUGINS_SKIP_VERIFY);
        boolean local = values.containsKey(Flag.PLUGINS_LOCAL_VERIFY);
        Optional<Path> publicKey = path(Flag.PLUGINS_PUBLIC_KEY);
        if (skip && local) {
            throw new UsageException("only one of --" + Flag.PLUGINS_SKIP_VERIFY.flagName() + " and --"
                    + Flag.PLUGINS_LOCAL_VERIFY.flagName() + " may be given");
        }
        if (publicKey.isPresent() && !local) {
            throw new UsageException("--" + Flag.PLUGINS_PUBLIC_KEY.flagName() + " needs --"
                    + Flag.PLUGINS_LOCAL_VERIFY.flagName());
        }
        return new PluginVerification(skip, local, publicKey);
    }

    public Optional<Integer> verbosity() throws UsageException {
        return integer(Flag.VERBOSITY, SettingRanges.VERBOSITY_MIN, SettingRanges.VERBOSITY_MAX);
    }

    /** True when {@code --http} is given; empty otherwise (the TOML setting decides). */
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

    /** A path, or for the flags Quorum gives file URLs, a {@code file:} URL. */
    private Optional<Path> path(Flag flag) throws UsageException {
        String value = values.get(flag);
        if (value == null) {
            return Optional.empty();
        }
        if (value.regionMatches(true, 0, FILE_SCHEME, 0, FILE_SCHEME.length())) {
            return Optional.of(fileUrl(flag, value));
        }
        try {
            return Optional.of(Path.of(UserHome.expand(value)));
        } catch (InvalidPathException e) {
            throw new UsageException("flag --" + flag.flagName() + ": '" + value + "' is not a valid path");
        }
    }

    /** {@code file:///abs/path} (Quorum's form), also {@code file:/abs/path} and {@code file:relative/path}. */
    private static Path fileUrl(Flag flag, String value) throws UsageException {
        String rest = value.substring(FILE_SCHEME.length());
        if (rest.isEmpty() || rest.equals("//")) {
            throw new UsageException("flag --" + flag.flagName() + ": '" + value + "' names no file");
        }
        try {
            if (rest.startsWith("///")) {
                return Path.of(new URI(value));
            }
            if (rest.startsWith("//")) {
                throw new UsageException("flag --" + flag.flagName() + ": '" + value + "' names a host; write"
                        + " file:///absolute/path or a plain path");
            }
            return Path.of(rest);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UsageException("flag --" + flag.flagName() + ": '" + value + "' is not a valid file URL");
        }
    }

    private Optional<Integer> integer(Flag flag, int min, int max) throws UsageException {
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
