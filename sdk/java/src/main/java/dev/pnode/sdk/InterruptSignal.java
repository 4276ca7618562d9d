package dev.pnode.sdk;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C in the host's terminal reaches the plugin too (same process group). Like go-plugin, the plugin ignores
 * it and leaves its ending to the host, which stops it gracefully with GRPCController/Shutdown.
 */
final class InterruptSignal {

    private static final System.Logger LOG = System.getLogger(InterruptSignal.class.getName());

    private InterruptSignal() {
    }

    static void ignore() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot ignore SIGINT here: " + e.getMessage());
        }
    }
}
