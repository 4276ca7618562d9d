package dev.pnode.launcher.logging;

import java.util.logging.LogManager;

/**
 * The JUL LogManager of a node (set with {@code -Djava.util.logging.manager}). The JDK's own manager closes
 * every handler in a shutdown hook of its own, which races with the launcher's hook that stops the framework:
 * the bundles' last words during shutdown would be lost. This one leaves the handlers open until the launcher
 * calls {@link #shutDown()}.
 */
public final class NodeLogManager extends LogManager {

    private volatile boolean shutDown;

    @Override
    public void reset() {
        // the JDK's shutdown hook is a thread of class LogManager$Cleaner; readConfiguration() also resets
        if (shutDown || !Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$")) {
            super.reset();
        }
    }

    /** Flushes and closes all handlers; logging stops here. */
    public void shutDown() {
        shutDown = true;
        super.reset();
    }

    /** Closes the handlers if the JVM uses this manager, flushes them otherwise. */
    public static void shutDownLogging() {
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof NodeLogManager nodeLogManager) {
            nodeLogManager.shutDown();
        } else {
            for (var handler : manager.getLogger("").getHandlers()) {
                handler.flush();
            }
        }
    }
}
