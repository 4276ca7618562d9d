package dev.pnode.console.protocol;

import java.nio.file.Path;

/** Where a node listens for {@code pnode attach}: a unix socket in its data directory, private to its user. */
public final class ConsoleSocket {

    /** The socket's file name in the data directory. */
    public static final String FILE_NAME = "pnode.console";

    private ConsoleSocket() {
    }

    public static Path in(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }
}
