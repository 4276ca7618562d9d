package dev.pnode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plugin settings (Quorum's JSON) for the nodes the benchmarks start. */
final class PluginSettingsFile {

    private PluginSettingsFile() {
    }

    /** Only the benchmarked helloworld plugin, its zip copied into a private base directory. */
    static Path helloworld(BenchEnvironment environment, BenchEnvironment.PluginKind plugin, Path scratch)
            throws IOException {
        Path baseDir = Files.createDirectories(scratch.resolve("plugins"));
        Path zip = environment.pluginZip(plugin);
        Files.copy(zip, baseDir.resolve(zip.getFileName()));
        String name = plugin == BenchEnvironment.PluginKind.JAVA ? "helloworld" : "helloworld-go";
        return write(scratch.resolve("plugins.json"), "{\"baseDir\":\"" + baseDir + "\",\"providers\":{\"helloworld\":"
                + "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"config\":" + HelloWorldCalls.CONFIG + "}}}");
    }

    /** No plugins at all: the framework, the host and the endpoints only. */
    static Path none(Path scratch) throws IOException {
        return write(scratch.resolve("no-plugins.json"), "{\"providers\":{}}");
    }

    private static Path write(Path file, String json) throws IOException {
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
