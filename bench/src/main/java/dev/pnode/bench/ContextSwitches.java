package dev.pnode.bench;

import java.io.IOException;
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

    private static final Path TASKS = Path.of("/proc/self/task");

    private ContextSwitches() {
    }

    static long ofThisProcess() {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.mapToLong(ContextSwitches::ofTask).sum();
        } catch (IOException e) {
            return 0;
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
