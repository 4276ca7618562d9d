package dev.pnode.itest.deploy;

import java.util.function.BooleanSupplier;

/** Waits for something the node does in the background (FileInstall polls, plugin starts). */
final class Eventually {

    private static final long LIMIT_MILLIS = 60_000;

    private Eventually() {
    }

    /** @throws AssertionError naming what never happened within a minute */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened within " + LIMIT_MILLIS / 1000 + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
