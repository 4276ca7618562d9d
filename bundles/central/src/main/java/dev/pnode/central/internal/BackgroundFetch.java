package dev.pnode.central.internal;

import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;

/**
 * Runs a fetch on a thread of its own while the caller does something else (downloads the zip), so that the
 * round trips of the small files are hidden behind the big one. {@link #close()} interrupts a fetch whose result
 * is no longer wanted and waits for its thread, so no thread outlives the install.
 *
 * @param <T> what the fetch returns
 */
public final class BackgroundFetch<T> implements AutoCloseable {

    /** The work; a CentralException it throws is rethrown by {@link #get()}. */
    @FunctionalInterface
    public interface Fetch<T> {
        T run() throws CentralException;
    }

    private final Thread thread;
    private T result;
    private CentralException failure;
    private RuntimeException bug;

    public BackgroundFetch(String threadName, Fetch<T> fetch) {
        thread = new Thread(() -> {
            try {
                result = fetch.run();
            } catch (CentralException e) {
                failure = e;
            } catch (RuntimeException e) {
                bug = e;
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the fetch and returns its result, or throws its failure. */
    public T get() throws CentralException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentralException(Failure.TRANSFER, "interrupted while waiting for " + thread.getName(), e);
        }
        if (bug != null) {
            throw bug;
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Ends an unfinished fetch: at its next read or retry wait, at the latest after the read timeout. */
    @Override
    public void close() {
        thread.interrupt();
        Threads.joinUninterruptibly(thread);
    }
}
