package dev.pnode.launcher.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The flags given to {@code pnode} to start a node (or to {@code pnode dumpconfig}). A flag that sets a settings
 * key ({@link Flag#key()}) overrides the TOML file's value for it ({@link NodeConfig}).
 */
public final class CommandLine {

    private final Map<Flag, String> values;
    private final Map<ConfigKey, Object> settings;

    private CommandLine(Map<Flag, String> values, Map<ConfigKey, Object> settings) {
        this.values = values;
        this.settings = settings;
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
        CommandLine commandLine = new CommandLine(values, settings(values));
        commandLine.config();
        return commandLine;
    }

    /** The flags' values for their settings keys, checked against the keys' types. */
    private static Map<ConfigKey, Object> settings(Map<Flag, String> values) throws UsageException {
        Map<ConfigKey, Object> settings = new EnumMap<>(ConfigKey.class);
        for (Map.Entry<Flag, String> entry : values.entrySet()) {
            Flag flag = entry.getKey();
            if (flag.key().isEmpty()) {
                continue;
            }
            ConfigKey key = flag.key().get();
            try {
                settings.put(key, key.type().fromFlag(entry.getValue()));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw new UsageException("flag --" + flag.flagName() + ": " + (message.startsWith("'") ? message
                        : "'" + entry.getValue() + "' " + message));
            }
        }
        return settings;
    }

    public boolean help() {
        return values.containsKey(Flag.HELP);
    }

    /** {@code --config}: the settings file. */
    public Optional<Path> config() throws UsageException {
        String value = values.get(Flag.CONFIG);
        try {
            return value == null ? Optional.empty() : Optional.of(PathText.parse(value));
        } catch (IllegalArgumentException e) {
            throw new UsageException("flag --" + Flag.CONFIG.flagName() + ": " + e.getMessage());
        }
    }

    /** {@code --http}: turn HTTP on at its default address unless the settings name one. */
    public boolean http() {
        return values.containsKey(Flag.HTTP);
    }

    /** {@code --ws}: turn WebSocket on at its default address unless the settings name one. */
    public boolean ws() {
        return values.containsKey(Flag.WS);
    }

    public boolean noInteractive() {
        return values.containsKey(Flag.NOINTERACTIVE);
    }

    /** The settings the flags give, as their keys' values (paths not yet resolved). */
    public Map<ConfigKey, Object> settings() {
        return settings;
    }

    /** The help text: synopsis of the commands, then every flag with its default. */
    public static String usage() {
        return "Usage: pnode [flags]                      start a node\n"
                + "       pnode dumpconfig [flags]           print the node settings in effect as TOML (--config"
                + " reads it back)\n"
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
                + "Environment (bin/pnode): JAVA_HOME, JAVA_OPTS (replaces the node's default JVM options, which"
                + " bin/pnode lists and explains).\n";
    }
}
