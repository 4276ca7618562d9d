package dev.pnode.host.settings;

import dev.pnode.central.MavenLayout;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code central} section: where missing plugins are downloaded from. Empty fields take Quorum's defaults.
 *
 * @param baseUrl the plugin central's base URL
 * @param certFingerprint hex SHA-256 of the server certificate to pin, empty for no pinning
 * @param publicKeyUri where the OpenPGP key that signs plugins is fetched from (relative to baseUrl unless absolute)
 * @param insecureSkipTlsVerify skip TLS certificate verification (loudly warned)
 * @param pluginDistPathTemplate path of a plugin zip under baseUrl ({@code {{.Name}} {{.Version}} {{.OS}} {{.Arch}}})
 * @param pluginSigPathTemplate path of the zip's signed SHA-256 checksum under baseUrl
 * @param publicKeyFile a local file holding the key that signs plugins, used instead of fetching
 *     {@code publicKeyUri} (pnode key {@code publicKeyFile}; Quorum's {@code --plugins.localverify} with
 *     {@code --plugins.publickey})
 * @param skipVerify do not check signatures at all (pnode key {@code skipVerify}; Quorum's
 *     {@code --plugins.skipverify}); warned about on every load and download
 * @param maven present when the central is a Maven repository ({@code "layout": "maven"}, with its
 *     {@code groupId}); the path templates are then not used
 */
public record CentralSettings(String baseUrl, String certFingerprint, String publicKeyUri,
        boolean insecureSkipTlsVerify, String pluginDistPathTemplate, String pluginSigPathTemplate,
        Optional<Path> publicKeyFile, boolean skipVerify, Optional<MavenLayout> maven) {

    public static final String DEFAULT_BASE_URL = "https://artifacts.consensys.net/public/quorum-go-plugins/";
    public static final String DEFAULT_PUBLIC_KEY_URI = "gpg.key";
    public static final String DEFAULT_DIST_PATH_TEMPLATE =
            "maven/bin/{{.Name}}/{{.Version}}/{{.Name}}-{{.Version}}-{{.OS}}-{{.Arch}}.zip";
    public static final String DEFAULT_SIG_PATH_TEMPLATE =
            "maven/bin/{{.Name}}/{{.Version}}/{{.Name}}-{{.Version}}-{{.OS}}-{{.Arch}}-sha256.checksum.asc";

    public CentralSettings {
        Objects.requireNonNull(certFingerprint, "certFingerprint");
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        Objects.requireNonNull(maven, "maven");
        if (skipVerify && publicKeyFile.isPresent()) {
            throw new IllegalArgumentException("skipVerify and publicKeyFile exclude each other");
        }
        baseUrl = orDefault(baseUrl, DEFAULT_BASE_URL);
        publicKeyUri = orDefault(publicKeyUri, DEFAULT_PUBLIC_KEY_URI);
        pluginDistPathTemplate = orDefault(pluginDistPathTemplate, DEFAULT_DIST_PATH_TEMPLATE);
        pluginSigPathTemplate = orDefault(pluginSigPathTemplate, DEFAULT_SIG_PATH_TEMPLATE);
    }

    /** A Quorum-style central (path templates). */
    public CentralSettings(String baseUrl, String certFingerprint, String publicKeyUri, boolean insecureSkipTlsVerify,
            String pluginDistPathTemplate, String pluginSigPathTemplate, Optional<Path> publicKeyFile,
            boolean skipVerify) {
        this(baseUrl, certFingerprint, publicKeyUri, insecureSkipTlsVerify, pluginDistPathTemplate,
                pluginSigPathTemplate, publicKeyFile, skipVerify, Optional.empty());
    }

    /** Central settings that check signatures with the key fetched from {@code publicKeyUri} (Quorum's default). */
    public CentralSettings(String baseUrl, String certFingerprint, String publicKeyUri, boolean insecureSkipTlsVerify,
            String pluginDistPathTemplate, String pluginSigPathTemplate) {
        this(baseUrl, certFingerprint, publicKeyUri, insecureSkipTlsVerify, pluginDistPathTemplate,
                pluginSigPathTemplate, Optional.empty(), false);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
