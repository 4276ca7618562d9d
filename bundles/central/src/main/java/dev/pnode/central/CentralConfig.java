package dev.pnode.central;

import dev.pnode.central.internal.PathTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how to download plugins: the {@code central} object of the plugin settings.
 *
 * @param baseUrl               {@code https:}, {@code http:} or {@code file:} URL of the central's root; a missing
 *                              trailing {@code /} is added, so that templates resolve below it rather than beside it
 * @param certFingerprint       SHA-256 of the HTTPS server's leaf certificate (DER), hex, any case, colons allowed.
 *                              When present the server must present exactly that certificate; CA validation and host
 *                              name checks are replaced by the pin (so self-signed centrals work). Stored normalized:
 *                              64 lowercase hex digits
 * @param verification          how signatures are checked
 * @param insecureSkipTlsVerify accept any server certificate (logged as a WARNING); a pin still applies when set
 * @param distPathTemplate      path of the zip below {@code baseUrl}; placeholders {@code {{.Name}} {{.Version}}
 *                              {{.OS}} {{.Arch}}}
 * @param sigPathTemplate       path of the armored signature over the zip's lowercase hex SHA-256, same placeholders
 * @param connectTimeout        TCP/TLS connect timeout
 * @param readTimeout           longest wait for the response headers and, during the body, for the next bytes
 * @param maxSizeBytes          largest zip accepted
 * @param retries               further attempts after a transient failure (I/O error, timeout, HTTP 5xx or 429),
 *                              with exponential backoff; other HTTP 4xx are never retried
 * @param maven                 present when the central is a Maven repository: the path templates are not used,
 *                              artifacts are found by their coordinates and checked by their {@code .asc} and
 *                              {@code .sha256}/{@code .sha1} files
 */
public record CentralConfig(
        URI baseUrl,
        Optional<String> certFingerprint,
        Verification verification,
        boolean insecureSkipTlsVerify,
        String distPathTemplate,
        String sigPathTemplate,
        Duration connectTimeout,
        Duration readTimeout,
        long maxSizeBytes,
        int retries,
        Optional<MavenLayout> maven) {

    /** Quorum's default zip location. */
    public static final String DEFAULT_DIST_PATH_TEMPLATE =
            "maven/bin/{{.Name}}/{{.Version}}/{{.Name}}-{{.Version}}-{{.OS}}-{{.Arch}}.zip";
    /** Quorum's default signature location. */
    public static final String DEFAULT_SIG_PATH_TEMPLATE =
            "maven/bin/{{.Name}}/{{.Version}}/{{.Name}}-{{.Version}}-{{.OS}}-{{.Arch}}-sha256.checksum.asc";
    /** Quorum's default central (its {@code quorumPluginCentralConfiguration}). */
    public static final URI QUORUM_BASE_URL = URI.create("https://artifacts.consensys.net/public/quorum-go-plugins/");

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_SIZE_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_RETRIES = 3;

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    public CentralConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(certFingerprint, "certFingerprint");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(distPathTemplate, "distPathTemplate");
        Objects.requireNonNull(sigPathTemplate, "sigPathTemplate");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(maven, "maven");
        baseUrl = withTrailingSlash(requireSupportedScheme(baseUrl));
        certFingerprint = certFingerprint.map(CentralConfig::normalizeFingerprint);
        PathTemplate.parse("pluginDistPathTemplate", distPathTemplate);
        PathTemplate.parse("pluginSigPathTemplate", sigPathTemplate);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        if (maxSizeBytes <= 0) {
            throw new IllegalArgumentException("central maxSizeBytes must be positive, got " + maxSizeBytes);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("central retries must be 0 or more, got " + retries);
        }
    }

    /** Quorum's defaults (templates, {@code gpg.key} fetched online) for the given central, with our timeouts. */
    public static CentralConfig defaults(URI baseUrl) {
        return new CentralConfig(baseUrl, Optional.empty(), Verification.onlineDefault(), false,
                DEFAULT_DIST_PATH_TEMPLATE, DEFAULT_SIG_PATH_TEMPLATE,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_SIZE_BYTES, DEFAULT_RETRIES, Optional.empty());
    }

    public CentralConfig withVerification(Verification newVerification) {
        return new CentralConfig(baseUrl, certFingerprint, newVerification, insecureSkipTlsVerify,
                distPathTemplate, sigPathTemplate, connectTimeout, readTimeout, maxSizeBytes, retries, maven);
    }

    /** @param fingerprint hex SHA-256 of the server certificate, or {@code null} for no pin */
    public CentralConfig withCertFingerprint(String fingerprint) {
        return new CentralConfig(baseUrl, Optional.ofNullable(fingerprint), verification, insecureSkipTlsVerify,
                distPathTemplate, sigPathTemplate, connectTimeout, readTimeout, maxSizeBytes, retries, maven);
    }

    public CentralConfig withInsecureSkipTlsVerify(boolean insecure) {
        return new CentralConfig(baseUrl, certFingerprint, verification, insecure,
                distPathTemplate, sigPathTemplate, connectTimeout, readTimeout, maxSizeBytes, retries, maven);
    }

    public CentralConfig withPathTemplates(String distTemplate, String sigTemplate) {
        return new CentralConfig(baseUrl, certFingerprint, verification, insecureSkipTlsVerify,
                distTemplate, sigTemplate, connectTimeout, readTimeout, maxSizeBytes, retries, maven);
    }

    public CentralConfig withTimeouts(Duration connect, Duration read) {
        return new CentralConfig(baseUrl, certFingerprint, verification, insecureSkipTlsVerify,
                distPathTemplate, sigPathTemplate, connect, read, maxSizeBytes, retries, maven);
    }

    public CentralConfig withMaxSizeBytes(long maxSize) {
        return new CentralConfig(baseUrl, certFingerprint, verification, insecureSkipTlsVerify,
                distPathTemplate, sigPathTemplate, connectTimeout, readTimeout, maxSize, retries, maven);
    }

    public CentralConfig withRetries(int newRetries) {
        return new CentralConfig(baseUrl, certFingerprint, verification, insecureSkipTlsVerify,
                distPathTemplate, sigPathTemplate, connectTimeout, readTimeout, maxSizeBytes, newRetries, maven);
    }

    /** The central as a Maven repository ({@link MavenLayout}), or {@code null} for Quorum's layout. */
    public CentralConfig withMaven(MavenLayout layout) {
        return new CentralConfig(baseUrl, certFingerprint, verification, insecureSkipTlsVerify,
                distPathTemplate, sigPathTemplate, connectTimeout, readTimeout, maxSizeBytes, retries,
                Optional.ofNullable(layout));
    }

    /** Strips colons and white space, lower-cases, and checks for 64 hex digits. */
    public static String normalizeFingerprint(String fingerprint) {
        String normalized = fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(normalized).matches()) {
            throw new IllegalArgumentException("central certFingerprint must be the SHA-256 of the server"
                    + " certificate as 64 hex digits (colons allowed), got '" + fingerprint + "'");
        }
        return normalized;
    }

    private static URI requireSupportedScheme(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("file")) {
            throw new IllegalArgumentException(
                    "central baseURL must be an https:, http: or file: URL, got '" + url + "'");
        }
        if (url.isOpaque()) {
            throw new IllegalArgumentException("central baseURL '" + url + "' is not hierarchical;"
                    + " write file URLs as file:///absolute/path/");
        }
        return url;
    }

    private static URI withTrailingSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? url : URI.create(text + "/");
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("central " + name + " must be positive, got " + value);
        }
    }
}
