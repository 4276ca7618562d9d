package dev.pnode.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Voluntary context switches of this JVM's threads so far, from Linux's /proc/self/task/N/status: a thread that
 * blocks (waits for a socket, parks until another thread hands it work, a timer thread woken to re-arm) switches
 * once, so per call they count the hand-offs a path makes, which on a 2-core virtual machine separate the endpoints
 * more than the Java code does. Involuntary switches (preemption) are left out: they count the machine's load.
 * Threads that ended are not counted (the harness's callers), so the figure is the node's side; 0 where /proc is
 * missing.
 */
final class ContextSwitches {

    private ContextSwitches() {
    }

    static long ofThisProcess() {
        return ofTasks(Path.of("/proc/self/task"));
    }

    /** The calling thread's own count. */
    static long ofThisThread() {
        return ofTask(Path.of("/proc/thread-self"));
    }

    /**
     * The same count for another process (a plugin, the Go host, the floor probe's echo process): their hand-offs per
     * call beside this JVM's show on which side of a socket the wake-ups are.
     */
    static long ofProcess(long pid) {
        return ofTasks(Path.of("/proc", Long.toString(pid), "task"));
    }

    /** {@link #ofProcess} summed over every process this JVM started, and theirs. */
    static long ofChildProcesses() {
        return ProcessHandle.current().descendants().mapToLong(child -> ofProcess(child.pid())).sum();
    }

    private static long ofTasks(Path tasks) {
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            return list.mapToLong(ContextSwitches::ofTask).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // the process ended meanwhile
        }
    }

    private static long ofTask(Path task) {
        try (Stream<String> lines = Files.lines(task.resolve("status"))) {
            return lines.filter(line -> line.startsWith("voluntary_ctxt_switches:"))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended meanwhile
        }
    }
}
