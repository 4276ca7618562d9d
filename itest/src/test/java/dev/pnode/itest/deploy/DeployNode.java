package dev.pnode.itest.deploy;

import dev.pnode.itest.osgi.PnodeContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ops4j.pax.exam.Option;

/**
 * The default node (feature {@code pnode}: FileInstall watching {@code <datadir>/deploy} and the bundle:* and
 * deploy:* commands), with helloworld configured from a plugins folder of its own that tests may add zips to.
 */
final class DeployNode {

    private DeployNode() {
    }

    static Option[] options() {
        try {
            Path plugins = Files.createTempDirectory("pnode-itest-plugins-");
            Files.copy(artifact("pnode.helloworld.plugin.zip", "pnode-example-helloworld-java", "-plugin.zip"),
                    plugins.resolve("helloworld-1.0.0.zip"));
            String settings = "{\"baseDir\":\"" + plugins + "\",\"providers\":{\"helloworld\":{\"name\":\"helloworld\","
                    + "\"version\":\"1.0.0\",\"config\":{\"language\":\"en\"}}}}";
            return PnodeContainer.node(List.of("pnode"), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A build output the tests need: the path the system property names (set by the itest pom), or else the one
     * version of the dev.pnode artifact in the local Maven repository.
     *
     * @param suffix what follows {@code <artifactId>-<version>}, e.g. {@code .jar} or {@code -plugin.zip}
     */
    static Path artifact(String property, String artifactId, String suffix) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path repository = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path versions = repository.resolve("dev/pnode").resolve(artifactId);
        try (DirectoryStream<Path> found = Files.newDirectoryStream(versions, Files::isDirectory)) {
            for (Path version : found) {
                Path file = version.resolve(artifactId + "-" + version.getFileName() + suffix);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("set -D" + property + ": cannot look in " + versions + ": " + e, e);
        }
        throw new IllegalStateException("set -D" + property + ": no " + artifactId + "-*" + suffix + " in " + versions);
    }
}
