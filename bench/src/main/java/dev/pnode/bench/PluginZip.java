package dev.pnode.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A plugin zip unpacked the way the host does it (plugin-meta.json read, entrypoint executable), so the baselines
 * run exactly the program the node runs. Only for our own example zips: no hostile-zip checks here.
 */
record PluginZip(Path directory, Path entrypoint, List<String> parameters) {

    static PluginZip extract(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            Enumeration<ZipArchiveEntry> entries = file.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(zip + ": entry " + entry.getName() + " leads outside " + into);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        JsonObject meta = JsonParser.parseString(Files.readString(into.resolve("plugin-meta.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        Path entrypoint = into.resolve(meta.get("entrypoint").getAsString());
        // java.util.zip and unpackers without mode support drop the executable bit; the host sets it too
        Files.setPosixFilePermissions(entrypoint, PosixFilePermissions.fromString("rwx------"));
        List<String> parameters = new ArrayList<>();
        if (meta.has("parameters")) {
            JsonArray array = meta.getAsJsonArray("parameters");
            array.forEach(element -> parameters.add(element.getAsString()));
        }
        return new PluginZip(into, entrypoint, List.copyOf(parameters));
    }
}
