package dev.pnode.central;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Plugin zips as a plugin build makes them. */
final class TestPlugins {

    private TestPlugins() {
    }

    static Path zip(Path dir, String name, String version) throws IOException {
        return zip(dir, name, version, 0);
    }

    /** A zip with plugin-meta.json, an entrypoint and {@code paddingBytes} of incompressible-ish filler. */
    static Path zip(Path dir, String name, String version, int paddingBytes) throws IOException {
        Files.createDirectories(dir);
        Path zip = Files.createTempFile(dir, name + "-" + version + "-", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(out, "plugin-meta.json", ("{\"name\":\"" + name + "\",\"version\":\"" + version
                    + "\",\"entrypoint\":\"" + name + "\",\"parameters\":[]}").getBytes(StandardCharsets.UTF_8));
            add(out, name, "#!/bin/sh\necho plugin\n".getBytes(StandardCharsets.UTF_8));
            if (paddingBytes > 0) {
                byte[] filler = new byte[paddingBytes];
                new java.util.Random(42).nextBytes(filler);
                out.setLevel(0);
                add(out, "filler.bin", filler);
            }
        }
        return zip;
    }

    private static void add(ZipOutputStream out, String entry, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(entry));
        OutputStream body = out;
        body.write(content);
        out.closeEntry();
    }
}
