package dev.pnode.host.settings;

import java.util.Objects;

/**
 * The {@code central} section: where missing plugins are downloaded from. Empty fields take Quorum's defaults.
 *
 * @param baseUrl the plugin central's base URL
 * @param certFingerprint hex SHA-256 of the server certificate to pin, empty for no pinning
 * @param publicKeyUri where the OpenPGP key that signs plugins is fetched from (relative to baseUrl unless absolute)
 * @param insecureSkipTlsVerify skip TLS certificate verification (loudly warned)
 * @param pluginDistPathTemplate path of a plugin zip under baseUrl ({@code {{.Name}} {{.Version}} {{.OS}} {{.Arch}}})
 * @param pluginSigPathTemplate path of the zip's signed SHA-256 checksum under baseUrl
 */
public record CentralSettings(String baseUrl, String certFingerprint, String publicKeyUri,
        boolean insecureSkipTlsVerify, String pluginDistPathTemplate, String pluginSigPathTemplate) {

    public static final String DEFAULT_BASE_URL = "https://artifacts.consensys.net/public/quorum-go-plugins/";
    public static final String DEFAULT_PUBLIC_KEY_URI = "gpg.key";
    public static final String DEFAULT_DIST_PATH_TEMPLATE =
            "maven/bin/{{.Name}}/{{.Version}}/{{.Name}}-{{.Version}}-{{.OS}}-{{.Arch}}.zip";
    public static final String DEFAULT_SIG_PATH_TEMPLATE =
            "maven/bin/{{.Name}}/{{.Version}}/{{.Name}}-{{.Version}}-{{.OS}}-{{.Arch}}-sha256.checksum.asc";

    public CentralSettings {
        Objects.requireNonNull(certFingerprint, "certFingerprint");
        baseUrl = orDefault(baseUrl, DEFAULT_BASE_URL);
        publicKeyUri = orDefault(publicKeyUri, DEFAULT_PUBLIC_KEY_URI);
        pluginDistPathTemplate = orDefault(pluginDistPathTemplate, DEFAULT_DIST_PATH_TEMPLATE);
        pluginSigPathTemplate = orDefault(pluginSigPathTemplate, DEFAULT_SIG_PATH_TEMPLATE);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
