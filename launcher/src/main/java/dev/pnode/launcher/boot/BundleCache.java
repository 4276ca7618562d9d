package dev.pnode.launcher.boot;

import dev.pnode.launcher.features.BundleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Whether Felix's bundle cache of the last start may be kept: it is when the same framework jar and the boot
 * features' bundle files (location, path, size and modification time, in the same order) are those it was filled
 * from, which the cache directory records in {@value #RECORD}. Felix then reads its cached bundles instead of
 * installing every bundle again; {@link BundleProvisioner} reconciles what the last run changed (bundles installed,
 * updated, uninstalled, started or stopped at run time). Each bundle's private data area is emptied before Felix
 * reads the cache, so that nothing a bundle stored (ConfigAdmin's configurations, FileInstall's state) outlives a
 * start, as with a fresh cache. Any difference, or no record, and the cache is rebuilt from scratch.
 */
final class BundleCache {

    /** In the cache directory: Felix deletes it with the cache, so it never describes a cache that is gone. */
    static final String RECORD = "pnode-bundles";
    private static final String FILLED = "filled ";

    private final Path directory;
    private final List<String> bundleFiles;

    private BundleCache(Path directory, List<String> bundleFiles) {
        this.directory = directory;
        this.bundleFiles = bundleFiles;
    }

    /** The framework's jar and the bundle files the boot features name, as the record describes them. */
    static BundleCache of(Path directory, Path frameworkJar, Map<BundleSpec, Path> bundles) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(describe("framework", frameworkJar));
        for (Map.Entry<BundleSpec, Path> bundle : bundles.entrySet()) {
            lines.add(describe(bundle.getKey().location().toString(), bundle.getValue()));
        }
        return new BundleCache(directory, List.copyOf(lines));
    }

    private static String describe(String name, Path file) throws IOException {
        return name + " " + file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    }

    /**
     * When the cache was filled from exactly these bundle files, in milliseconds since the epoch (the bundles'
     * {@code getLastModified()} clock); empty when it must be rebuilt.
     */
    OptionalLong filledFromTheseFiles() {
        try {
            List<String> record = Files.readAllLines(directory.resolve(RECORD));
            if (record.isEmpty() || !record.get(0).startsWith(FILLED) || !record.subList(1, record.size())
                    .equals(bundleFiles)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(record.get(0).substring(FILLED.length())));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty(); // none yet, or unreadable: rebuilt
        }
    }

    /** Empties every bundle's data area ({@code bundle<id>/data}, Felix's layout), before Felix reads the cache. */
    void forgetBundleData() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path data : entries.filter(entry -> entry.getFileName().toString().startsWith("bundle"))
                    .map(entry -> entry.resolve("data")).filter(Files::isDirectory).toList()) {
                deleteTree(data);
            }
        }
    }

    /** Records the bundle files the cache now holds and when; called once they are installed. */
    void recordFilled() throws IOException {
        List<String> record = new ArrayList<>();
        record.add(FILLED + System.currentTimeMillis());
        record.addAll(bundleFiles);
        Files.write(directory.resolve(RECORD), record);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
