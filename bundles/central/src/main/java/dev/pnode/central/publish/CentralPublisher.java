package dev.pnode.central.publish;

import dev.pnode.central.CentralException;
import dev.pnode.central.Platform;
import dev.pnode.central.internal.PathTemplate;
import dev.pnode.central.internal.PluginMetaCheck;
import dev.pnode.central.internal.PluginMetaCheck.NameAndVersion;
import dev.pnode.central.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bouncycastle.openpgp.PGPException;

/**
 * Writes a plugin zip and its signature into a directory in the layout a central serves, so that any static
 * web server (or a {@code file:} base URL) pointed at the directory is a central.
 */
public final class CentralPublisher {

    private final DigestSigner signer;
    private final PathTemplate distPath;
    private final PathTemplate sigPath;
    private final Platform platform;

    /** Where a zip went and what was signed. */
    public record Published(Path zip, Path signature, String name, String version, String sha256Hex,
            String keyId) {
    }

    /**
     * @param distPathTemplate e.g. {@link dev.pnode.central.CentralConfig#DEFAULT_DIST_PATH_TEMPLATE}
     * @param sigPathTemplate  e.g. {@link dev.pnode.central.CentralConfig#DEFAULT_SIG_PATH_TEMPLATE}
     * @param os               Go spelling, e.g. {@code linux}
     * @param arch             Go spelling, e.g. {@code amd64}
     */
    public CentralPublisher(DigestSigner signer, String distPathTemplate, String sigPathTemplate, String os,
            String arch) {
        this.signer = signer;
        this.distPath = PathTemplate.parse("distribution layout", distPathTemplate);
        this.sigPath = PathTemplate.parse("signature layout", sigPathTemplate);
        this.platform = new Platform(os, arch);
    }

    /** Copies {@code pluginZip} into {@code centralDir} under its name and version from plugin-meta.json, signed. */
    public Published publish(Path pluginZip, Path centralDir) throws IOException, PGPException, CentralException {
        NameAndVersion plugin = PluginMetaCheck.read(pluginZip, pluginZip.toString());
        Path zipTarget = inside(centralDir, distPath.render(plugin.name(), plugin.version(), platform));
        Path sigTarget = inside(centralDir, sigPath.render(plugin.name(), plugin.version(), platform));
        String sha256Hex = Sha256.hexOf(pluginZip);
        String signature = signer.sign(sha256Hex);
        Files.createDirectories(zipTarget.getParent());
        Files.createDirectories(sigTarget.getParent());
        Files.copy(pluginZip, zipTarget, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(sigTarget, signature, StandardCharsets.US_ASCII);
        return new Published(zipTarget, sigTarget, plugin.name(), plugin.version(), sha256Hex, signer.keyId());
    }

    private static Path inside(Path centralDir, String relativePath) throws IOException {
        Path root = centralDir.toAbsolutePath().normalize();
        Path target = root.resolve(relativePath).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("layout path '" + relativePath + "' leads outside the central directory " + root);
        }
        return target;
    }
}
