package dev.pnode.shell.internal;

import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.api.shell.TextTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How plugin statuses read on the console ({@code plugin:list} and {@code plugin:info}). */
final class PluginStatusText {

    static final String NONE = "-";
    private static final int SHORT_ERROR = 60;

    private PluginStatusText() {
    }

    /** The {@code plugin:list} table; errors are cut short unless the output is for scripts. */
    static String list(List<PluginStatus> plugins, Instant now, boolean forScripts) {
        TextTable table = TextTable.withHeader("INTERFACE", "NAME", "VERSION", "STATE", "PID", "UPTIME", "RESTARTS",
                "RESTART-LIMIT", "LAST-ERROR");
        for (PluginStatus plugin : plugins) {
            String error = plugin.lastError().orElse(NONE);
            table.row(plugin.interfaceKey(), plugin.name(), plugin.version(), state(plugin), pid(plugin),
                    uptime(plugin, now), Integer.toString(plugin.restarts()),
                    plugin.restartPolicy().describeLimit(), forScripts || error.length() <= SHORT_ERROR ? error : error.substring(0, SHORT_ERROR - 3) + "...");
        }
        return forScripts ? table.tabSeparated() : table.format();
    }

    /** Everything about one plugin, one label per line. */
    static String details(PluginStatus plugin, Instant now) {
        return TextTable.withoutHeader()
                .row("Interface:", plugin.interfaceKey())
                .row("Name:", plugin.name())
                .row("Version:", plugin.version())
                .row("State:", state(plugin))
                .row("PID:", pid(plugin))
                .row("Started:", plugin.startedAt().map(Instant::toString).orElse(NONE))
                .row("Uptime:", uptime(plugin, now))
                .row("Restarts:", Integer.toString(plugin.restarts()))
                .row("Restart policy:", plugin.restartPolicy().describe())
                .row("Last error:", plugin.lastError().orElse(NONE))
                .format();
    }

    private static String state(PluginStatus plugin) {
        return plugin.state().name().toLowerCase();
    }

    private static String pid(PluginStatus plugin) {
        return plugin.pid().isPresent() ? Long.toString(plugin.pid().getAsLong()) : NONE;
    }

    /** Only a running plugin has an uptime; a stopped one's start time is history. */
    private static String uptime(PluginStatus plugin, Instant now) {
        if (plugin.state() != PluginState.RUNNING) {
            return NONE;
        }
        return plugin.startedAt().map(at -> Uptime.format(Duration.between(at, now))).orElse(NONE);
    }
}
