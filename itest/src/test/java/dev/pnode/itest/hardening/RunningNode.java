package dev.pnode.itest.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the hardening tests count in the JVM the node runs in, to find leaks. */
final class RunningNode {

    private RunningNode() {
    }

    /** Live threads of this JVM (the node runs in it). */
    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * Live threads by name, numbers in names replaced by {@code #} (pool threads differ by number only), to show
     * which kind of thread a change in {@link #threads()} is.
     */
    static Map<String, Long> threadsByName() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(
                thread -> thread.getName().replaceAll("[0-9]+", "#"), TreeMap::new, Collectors.counting()));
    }

    /** What changed from one {@link #threadsByName()} to another, e.g. {@code {grpc-default-executor-#=+2}}. */
    static Map<String, String> threadChange(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> change = new TreeMap<>();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            long difference = after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
            if (difference != 0) {
                change.put(name, (difference > 0 ? "+" : "") + difference);
            }
        }
        return change;
    }

    /** Open file descriptors of this JVM, from /proc/self/fd. */
    static long openFileDescriptors() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heap in use after asking for full collections (a hint, hence several, a moment apart). */
    static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
