package dev.pnode.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time of this JVM's threads over a stretch of time, grouped by kind of thread ({@link ThreadCpu}: the name with
 * its digits folded, so a thread made anew per plugin process adds up under one kind). A thread that starts and ends
 * inside the stretch is seen by sampling every {@link #PERIOD_NANOS}; what it ran after its last sample is lost, so
 * short-lived threads are slightly under-counted.
 */
final class ThreadCpuSampler extends Thread {

    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Per task id: its kind, and its CPU nanoseconds at the first and the latest sample. */
    private final Map<String, String> kinds = new HashMap<>();
    private final Map<String, Long> first = new HashMap<>();
    private final Map<String, Long> latest = new HashMap<>();
    private volatile boolean sampling = true;
    private boolean firstRound = true;

    ThreadCpuSampler() {
        super("thread-cpu-sampler");
        setDaemon(true);
    }

    @Override
    public void run() {
        while (sampling) {
            sample();
            firstRound = false;
            LockSupport.parkNanos(PERIOD_NANOS);
        }
        sample();
    }

    /** Stops sampling; the CPU nanoseconds each kind of thread used while it sampled, its own included. */
    Map<String, Long> finish() throws InterruptedException {
        sampling = false;
        join();
        Map<String, Long> byKind = new TreeMap<>();
        latest.forEach((task, now) -> byKind.merge(kinds.get(task), now - first.get(task), Long::sum));
        return byKind;
    }

    private void sample() {
        ThreadCpu.now().forEach((task, sample) -> {
            if (kinds.putIfAbsent(task, sample.kind()) == null) {
                first.put(task, firstRound ? sample.cpuNanos() : 0L); // a thread started inside counts from 0
            }
            latest.put(task, sample.cpuNanos());
        });
    }
}
