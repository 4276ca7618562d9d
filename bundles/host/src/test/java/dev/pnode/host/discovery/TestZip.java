package dev.pnode.host.discovery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds plugin zips, good and hostile, in tests. */
final class TestZip {

    private interface Writer {
        void write(ZipArchiveOutputStream out) throws IOException;
    }

    private final List<Writer> writers = new ArrayList<>();

    static TestZip plugin(String name, String version, String entrypoint) {
        return new TestZip()
                .file("plugin-meta.json", "{\"name\":\"" + name + "\",\"version\":\"" + version
                        + "\",\"entrypoint\":\"" + entrypoint + "\",\"parameters\":[\"-Xmx64m\",\"-jar\",\"p.jar\"]}")
                .file(entrypoint, "#!/bin/sh\necho hi\n", 0100644);
    }

    TestZip file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
    }

    TestZip file(String name, String content, int unixMode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), unixMode);
    }

    TestZip file(String name, byte[] content, int unixMode) {
        writers.add(out -> {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(unixMode);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
        });
        return this;
    }

    /** A deflated entry of {@code size} zero bytes: tiny compressed, huge uncompressed. */
    TestZip zeros(String name, int size) {
        writers.add(out -> {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setMethod(ZipEntry.DEFLATED);
            out.putArchiveEntry(entry);
            byte[] chunk = new byte[64 * 1024];
            for (int left = size; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
            out.closeArchiveEntry();
        });
        return this;
    }

    TestZip directory(String name) {
        writers.add(out -> {
            ZipArchiveEntry entry = new ZipArchiveEntry(name.endsWith("/") ? name : name + "/");
            entry.setUnixMode(040755);
            out.putArchiveEntry(entry);
            out.closeArchiveEntry();
        });
        return this;
    }

    TestZip symlink(String name, String target) {
        return file(name, target.getBytes(StandardCharsets.UTF_8), 0120777);
    }

    Path writeTo(Path file) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(stream)) {
            for (Writer writer : writers) {
                writer.write(out);
            }
        }
        return file;
    }
}
