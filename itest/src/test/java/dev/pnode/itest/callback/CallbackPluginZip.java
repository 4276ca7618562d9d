package dev.pnode.itest.callback;

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
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The Go callback plugin zip built by examples/callback/plugin-go, unpacked the way the host runs plugins. */
final class CallbackPluginZip {

    /** Overrides where the zip is; by default the build output of examples/callback/plugin-go. */
    static final String PROPERTY = "pnode.callback.plugin.zip";
    static final String INSTALL = "apt-get install golang-go golang-github-hashicorp-go-plugin-dev "
            + "golang-google-grpc-dev golang-goprotobuf-dev protobuf-compiler";

    record Extracted(Path directory, Path entrypoint, List<String> parameters) {
    }

    private CallbackPluginZip() {
    }

    static Path locate() {
        String configured = System.getProperty(PROPERTY);
        Path zip = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("..", "examples", "callback", "plugin-go", "target", "callback-go-1.0.0-linux-amd64.zip")
                        .toAbsolutePath().normalize();
        if (!Files.isRegularFile(zip)) {
            throw new AssertionError("the Go callback plugin zip " + zip + " is missing. It is built by "
                    + "`mvn -B -f examples/callback/pom.xml install`, which needs Debian's Go toolchain and go-plugin: "
                    + INSTALL + " (or set -D" + PROPERTY + ")");
        }
        return zip;
    }

    /** Unpacks every entry into {@code directory} and makes the plugin-meta.json entrypoint executable. */
    static Extracted extract(Path zip, Path directory) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory) || entry.isDirectory()) {
                    throw new IOException(zip + ": unexpected entry " + entry.getName());
                }
                Files.copy(in, target);
            }
        }
        JsonObject meta;
        try (InputStream in = Files.newInputStream(directory.resolve("plugin-meta.json"))) {
            meta = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        Path entrypoint = directory.resolve(meta.get("entrypoint").getAsString());
        Files.setPosixFilePermissions(entrypoint, PosixFilePermissions.fromString("rwx------"));
        List<String> parameters = new ArrayList<>();
        JsonArray declared = meta.getAsJsonArray("parameters");
        declared.forEach(parameter -> parameters.add(parameter.getAsString()));
        return new Extracted(directory, entrypoint, List.copyOf(parameters));
    }
}
