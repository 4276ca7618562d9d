package dev.pnode.goplugin;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Ties plugin processes to the node's life without their cooperation (go-plugin and Quorum plugins in the wild do
 * not watch their parent). On Linux with util-linux:
 *
 * <ul>
 *   <li>the plugin is started as {@code setpriv --pdeathsig KILL -- setsid <entrypoint> <args>}: the kernel sends it
 *       SIGKILL when the thread that spawned it ends, which is when the node's JVM ends, even by SIGKILL; and it
 *       leads its own session and process group, so its own children are in that group;</li>
 *   <li>a sentinel {@code sh} per plugin reads its stdin, a pipe from the node, and kills the plugin's whole
 *       process group when it reads end-of-file: when the node closes the pipe (the plugin stopped or died) or the
 *       kernel does (the node died). So a plugin's descendants go too, even if the node was SIGKILLed.</li>
 * </ul>
 *
 * <p>{@code PR_SET_PDEATHSIG} fires when the <em>thread</em> that forked the child exits, not the process: every
 * plugin is therefore spawned from one dedicated thread that lives as long as the JVM (it is never shut down, and
 * tasks are submitted so that an exception never ends it). Without {@code setpriv}, {@code setsid} or {@code sh}
 * plugins are started directly and a killed node leaves them running until the next node start's
 * {@link OrphanReaper}.
 *
 * <p>A plugin started at a lowered priority ({@link CpuPriority#LOW}, {@link CpuPriority#BACKGROUND}) runs through
 * {@code sh -c} between {@code setsid} and the plugin
 * (the shell execs, so the pid stays the plugin's), which sets the new session's scheduler autogroup to nice 10: where
 * autogroups are on (the node's cpu cgroup is the root one) the CPU is shared between sessions by their autogroup's
 * nice value, and a thread's own nice value would count only among the threads of its session. The autogroup is set
 * from inside the new session because the host, writing after the spawn, could hit its own group if {@code setsid}
 * had not run yet. Unlike a thread's nice value, an autogroup's can be put back to 0 without privileges
 * ({@link #restoreNormalPriority}).
 */
final class ProcessTether {

    private static final Logger LOG = System.getLogger(ProcessTether.class.getName());
    /** The autogroup nice value of a lowered start: a tenth of a normal session's CPU share under contention. */
    static final int LOW_PRIORITY_NICE = 10;
    private static final List<Path> TOOL_DIRECTORIES = List.of(Path.of("/usr/bin"), Path.of("/bin"),
            Path.of("/usr/sbin"), Path.of("/sbin"));
    /** Kills the process group named by $1 once its stdin ends; ignores ^C so only the node's end triggers it. */
    static final String SENTINEL_SCRIPT = "trap '' INT HUP; read _; kill -9 -\"$1\" 2>/dev/null";
    private static final long SENTINEL_EXIT_MILLIS = 1_000;
    /** Lowers the new session's autogroup (quietly: a kernel without autogroups has no such file), then runs $@. */
    static final String LOWER_PRIORITY_SCRIPT = "{ echo " + LOW_PRIORITY_NICE + " >/proc/$$/autogroup; } 2>/dev/null;"
            + " exec \"$@\"";

    private static final ProcessTether CURRENT = detect();

    private final Optional<Tools> tools;
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pnode-plugin-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private record Tools(Path setpriv, Path setsid, Path shell) {
    }

    private ProcessTether(Optional<Tools> tools) {
        this.tools = tools;
    }

    static ProcessTether current() {
        return CURRENT;
    }

    private static ProcessTether detect() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return new ProcessTether(Optional.empty());
        }
        Optional<Path> setpriv = tool("setpriv");
        Optional<Path> setsid = tool("setsid");
        Optional<Path> shell = tool("sh");
        if (setpriv.isPresent() && setsid.isPresent() && shell.isPresent()) {
            return new ProcessTether(Optional.of(new Tools(setpriv.get(), setsid.get(), shell.get())));
        }
        return new ProcessTether(Optional.empty());
    }

    private static Optional<Path> tool(String name) {
        return TOOL_DIRECTORIES.stream().map(directory -> directory.resolve(name)).filter(Files::isExecutable)
                .findFirst();
    }

    /** What ties plugins to the node here, for the node's log. */
    String describe() {
        return tools.map(found -> "plugin processes die with the node: PR_SET_PDEATHSIG through " + found.setpriv()
                + ", each plugin in its own session and process group, killed as a whole by a sentinel when the"
                + " plugin or the node ends; plugins that keep failing start at a lower CPU priority")
                .orElse("plugin processes are not tied to the node (needs Linux with util-linux setpriv and setsid):"
                        + " a killed node leaves them running until the next start's orphan reaper, and plugins that"
                        + " keep failing start at the node's CPU priority");
    }

    /**
     * Starts {@code command} with this environment and working directory (may be null), tied to the node, at this
     * CPU priority (lowered only where the plugin is tethered: it needs the shell in the new session).
     *
     * @throws IOException when it cannot be started
     */
    Tethered start(List<String> command, Map<String, String> environment, Path workingDirectory,
            CpuPriority priority) throws IOException {
        Path executable = Path.of(command.get(0));
        if (tools.isPresent() && executable.isAbsolute()) {
            requireExecutable(executable);
        }
        ProcessBuilder builder = new ProcessBuilder(wrap(command, priority));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = onSpawner(builder);
        if (tools.isEmpty()) {
            return new Tethered(process, Optional.empty());
        }
        ProcessBuilder sentinel = new ProcessBuilder(tools.get().shell().toString(), "-c", SENTINEL_SCRIPT,
                "pnode-plugin-sentinel", Long.toString(process.pid()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        sentinel.environment().keySet().retainAll(List.of("PATH"));
        try {
            return new Tethered(process, Optional.of(onSpawner(sentinel)));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IOException("cannot start the sentinel of its process group: " + e.getMessage(), e);
        }
    }

    /** The command line that runs {@code command} tied to the node, at this priority. */
    List<String> wrap(List<String> command, CpuPriority priority) {
        if (tools.isEmpty()) {
            return command;
        }
        Tools found = tools.get();
        List<String> wrapped = new ArrayList<>(List.of(found.setpriv().toString(), "--pdeathsig", "KILL", "--",
                found.setsid().toString()));
        if (priority != CpuPriority.NORMAL) {
            wrapped.addAll(List.of(found.shell().toString(), "-c", LOWER_PRIORITY_SCRIPT, "pnode-plugin-low-priority"));
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Puts the scheduler autogroup of process {@code pid}'s session back to nice 0, which needs no privileges (a
     * thread's nice value, by contrast, could not be lowered again without CAP_SYS_NICE). Never touches the node's
     * own group, which the plugin would share had it not started its own session yet.
     *
     * @return whether it was put back (false without autogroups, or when the process is gone)
     */
    static boolean restoreNormalPriority(long pid) {
        Path group = Path.of("/proc", Long.toString(pid), "autogroup");
        try {
            if (autogroupName(Files.readString(group)).equals(
                    autogroupName(Files.readString(Path.of("/proc/self/autogroup"))))) {
                return false;
            }
            Files.writeString(group, "0");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot restore the CPU priority of process {0}: {1}", Long.toString(pid), e);
            return false;
        }
    }

    /** "/autogroup-2307 nice 10" -> "/autogroup-2307". */
    private static String autogroupName(String content) {
        String trimmed = content.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** Wrapped, a missing entrypoint would only show as setsid's exit status 127: say it before. */
    private static void requireExecutable(Path executable) throws IOException {
        if (!Files.exists(executable)) {
            throw new IOException("no such file");
        }
        if (Files.isDirectory(executable) || !Files.isExecutable(executable)) {
            throw new IOException("not an executable file");
        }
    }

    private Process onSpawner(ProcessBuilder builder) throws IOException {
        try {
            return spawner.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().get(0), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException(e.getCause().toString(), e.getCause());
        }
    }

    /**
     * A started plugin process and, where tethered, the sentinel of its process group.
     *
     * @param process the plugin process itself (setpriv and setsid exec it, so this is the plugin's pid)
     * @param sentinel kills the plugin's process group once its stdin is closed
     */
    record Tethered(Process process, Optional<Process> sentinel) {

        /**
         * Kills whatever is left of the plugin's process group (the plugin's own children) and waits a moment for
         * that. Call it once the plugin itself is gone or being killed; safe to call twice.
         */
        void killGroup() {
            sentinel.ifPresent(guard -> {
                try {
                    guard.getOutputStream().close();
                    if (!guard.waitFor(SENTINEL_EXIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        LOG.log(Level.WARNING, "the sentinel of plugin process {0} did not end; killing it",
                                Long.toString(process.pid()));
                        guard.destroyForcibly();
                    }
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "closing the sentinel of plugin process {0} failed: {1}",
                            Long.toString(process.pid()), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
