package dev.pnode.goplugin;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * What the host remembers about a started plugin process so that a later host can kill it after a crash: the
 * pid alone is not enough because pids are reused, so the process's start instant is recorded too.
 *
 * @param pid the plugin's process id
 * @param startInstant when the process started as the OS reports it; empty when the OS does not say
 * @param label the plugin label, for log messages
 * @param socketDirectory the private directory holding the plugin's unix socket
 */
record PidRecord(long pid, Optional<Instant> startInstant, String label, Path socketDirectory) {

    static final String SUFFIX = ".pid";

    static PidRecord of(ProcessHandle process, String label, Path socketDirectory) {
        return new PidRecord(process.pid(), process.info().startInstant(), label, socketDirectory);
    }

    Path file(Path runDirectory) {
        return runDirectory.resolve(label.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + pid + SUFFIX);
    }

    /** Writes the record atomically (temp file + rename) so a crash never leaves half a record. */
    Path write(Path runDirectory) throws IOException {
        Files.createDirectories(runDirectory);
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        startInstant.ifPresent(start -> properties.setProperty("startInstant", start.toString()));
        properties.setProperty("label", label);
        properties.setProperty("socketDirectory", socketDirectory.toString());
        Path target = file(runDirectory);
        Path temp = Files.createTempFile(runDirectory, ".pid-", ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(out, "pnode plugin process; deleted when the host stops it");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** @throws IOException when the file cannot be read or is not a record */
    static PidRecord read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        try {
            String start = properties.getProperty("startInstant");
            return new PidRecord(Long.parseLong(required(properties, "pid")),
                    start == null ? Optional.empty() : Optional.of(Instant.parse(start)),
                    required(properties, "label"), Path.of(required(properties, "socketDirectory")));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException(file + " is not a plugin pid record: " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String key) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException("plugin pid record has no " + key);
        }
        return value;
    }

    /** The live process this record describes; empty if it is gone or its pid now belongs to another process. */
    Optional<ProcessHandle> liveProcess() {
        if (startInstant.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().equals(startInstant));
    }
}
