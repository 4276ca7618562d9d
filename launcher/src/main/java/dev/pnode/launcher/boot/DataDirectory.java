package dev.pnode.launcher.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * A node's data directory: created private (0700) on first start with its {@code logs}, {@code plugins} and
 * {@code deploy} folders, and the node's identity in {@code node.id}.
 */
public final class DataDirectory {

    public static final String LOGS = "logs";
    public static final String PLUGINS = "plugins";
    public static final String DEPLOY = "deploy";
    public static final String FELIX_CACHE = "felix-cache";
    public static final String NODE_ID = "node.id";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** Creates what is missing; an existing directory is used as it is. */
    public static DataDirectory prepare(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(root + " exists and is not a directory");
        }
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            setPrivate(root);
        }
        if (!Files.isWritable(root)) {
            throw new IOException("data directory " + root + " is not writable");
        }
        for (String folder : new String[] {LOGS, PLUGINS, DEPLOY}) {
            Files.createDirectories(root.resolve(folder));
        }
        return new DataDirectory(root);
    }

    private static void setPrivate(Path directory) throws IOException {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    /** The node's id: a UUID made on first start and kept in {@code node.id}. */
    public String nodeId() throws IOException {
        Path file = root.resolve(NODE_ID);
        if (!Files.exists(file)) {
            try {
                Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: use theirs
            }
        }
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IOException("node id file " + file + " does not hold a UUID ('" + id + "'); delete it to make a"
                    + " new one");
        }
        return id;
    }
}
