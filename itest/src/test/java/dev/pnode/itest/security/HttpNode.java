package dev.pnode.itest.security;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.itest.osgi.PnodeContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.FrameworkPropertyOption;

/**
 * A default node (feature {@code pnode}) with its HTTP JSON-RPC endpoint on a free port and the Java helloworld
 * example plugin, optionally with the Java security example plugin as well.
 */
final class HttpNode {

    static final String HELLO_TOKEN = "hello-token-1f6c";
    static final String EXPIRED_TOKEN = "expired-token-93ad";
    /** Quorum scopes, as the security example plugin's configuration grants them. */
    private static final String TOKENS = "{\"" + HELLO_TOKEN + "\":{\"authorities\":[\"rpc://plugin@helloworld_*\","
            + "\"rpc://rpc_modules\"],\"expiresIn\":\"1h\"},\"" + EXPIRED_TOKEN + "\":{\"authorities\":[\"rpc://*_*\"],"
            + "\"expiresIn\":\"-1h\"}}";
    private static final Set<String> HTTP_PROPERTIES = Set.of("pnode.http.enabled", "pnode.http.port");

    private HttpNode() {
    }

    /** @param withSecurity whether the security plugin is configured too */
    static Option[] options(boolean withSecurity) {
        List<Option> options = new ArrayList<>(Arrays.stream(PnodeContainer.node(List.of("pnode"),
                        pluginSettings(withSecurity)))
                .filter(option -> !(option instanceof FrameworkPropertyOption property
                        && HTTP_PROPERTIES.contains(property.getKey())))
                .toList());
        options.add(frameworkProperty("pnode.http.enabled").value("true"));
        options.add(frameworkProperty("pnode.http.port").value(String.valueOf(freePort())));
        return options.toArray(Option[]::new);
    }

    /**
     * A fresh plugin folder with the example zips: the Java helloworld from {@code pnode.itest.plugins}, and the
     * security plugin from {@code pnode.security.plugin.zip} (default: the example module's build output).
     */
    private static String pluginSettings(boolean withSecurity) {
        try {
            Path baseDir = Files.createTempDirectory("pnode-itest-security-plugins-");
            copy(Path.of(System.getProperty("pnode.itest.plugins", "target/plugins"), "helloworld-1.0.0.zip"), baseDir);
            JsonObject providers = new JsonObject();
            providers.add("helloworld", JsonParser.parseString(
                    "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"config\":{\"language\":\"en\"}}"));
            if (withSecurity) {
                copy(Path.of(System.getProperty("pnode.security.plugin.zip",
                        "../examples/security-java/target/security-1.0.0.zip")), baseDir);
                providers.add("security", JsonParser.parseString("{\"name\":\"security\",\"version\":\"1.0.0\","
                        + "\"config\":{\"tokens\":" + TOKENS + "}}"));
            }
            JsonObject settings = new JsonObject();
            settings.addProperty("baseDir", baseDir.toString());
            settings.add("providers", providers);
            return settings.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path zip, Path baseDir) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("plugin zip " + zip.toAbsolutePath() + " is missing: build the example "
                    + "plugins first (mvn -B install)");
        }
        Files.copy(zip, baseDir.resolve(zip.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
