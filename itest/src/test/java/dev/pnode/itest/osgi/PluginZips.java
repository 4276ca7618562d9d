package dev.pnode.itest.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Variants of the example plugin zips that tests need and the build does not make. */
public final class PluginZips {

    private PluginZips() {
    }

    /** The example zip {@code name-1.0.0.zip} from {@code pnode.itest.plugins}. */
    public static Path example(String fileName) {
        return Path.of(System.getProperty("pnode.itest.plugins", "target/plugins"), fileName);
    }

    /**
     * A copy of a plugin zip claiming another version in its plugin-meta.json, with extra or replaced entries.
     */
    public static Path withVersion(Path source, String name, String version, Map<String, String> replacedEntries,
            Path directory) throws IOException {
        Path target = directory.resolve(name + "-" + version + ".zip");
        try (InputStream in = Files.newInputStream(source);
                ZipInputStream zipIn = new ZipInputStream(in);
                ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = zipIn.getNextEntry(); entry != null; entry = zipIn.getNextEntry()) {
                byte[] content = zipIn.readAllBytes();
                if (entry.getName().equals("plugin-meta.json")) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\":\"" + version + "\"")
                            .getBytes(StandardCharsets.UTF_8);
                } else if (replacedEntries.containsKey(entry.getName())) {
                    content = replacedEntries.get(entry.getName()).getBytes(StandardCharsets.UTF_8);
                }
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                zipOut.write(content);
                zipOut.closeEntry();
            }
        }
        return target;
    }
}
