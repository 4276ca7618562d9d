package dev.pnode.central.internal;

/** Thread helpers for the few helper threads of a transfer. */
final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended, also when the caller is interrupted meanwhile (the interrupt is kept
     * for the caller to see): used where the thread is known to end soon and must not outlive its owner.
     */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
