package dev.pnode.host.settings;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.pnode.api.RestartPolicy;
import dev.pnode.central.MavenArtifact;
import dev.pnode.central.MavenLayout;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates the plugin settings file. Every error names the file, the JSON path and the problem; nothing
 * is started from a file that does not validate completely.
 */
public final class SettingsLoader {

    /** Largest settings file accepted; real ones are a few hundred bytes. */
    public static final long MAX_SETTINGS_BYTES = 1024 * 1024;

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("baseDir", "central", "providers");
    private static final Set<String> PROVIDER_KEYS = Set.of("name", "version", "config", "optional", "restart",
            "artifact");
    private static final Set<String> RESTART_KEYS = Set.of("maxRestarts", "window", "maxBackoff");
    /** More restarts than this within a window is a typo, not a policy. */
    private static final int MAX_RESTARTS_LIMIT = 1000;
    private static final Set<String> CENTRAL_KEYS = Set.of("baseURL", "certFingerprint", "publicKeyURI",
            "insecureSkipTLSVerify", "insecureSkipVerify", "pluginDistPathTemplate", "pluginSigPathTemplate",
            "publicKeyFile", "skipVerify", "layout", "groupId");
    private static final String MAVEN_LAYOUT = "maven";
    private static final String QUORUM_LAYOUT = "quorum";
    private static final Pattern INTERFACE_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern PLUGIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VERSION =
            Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z][0-9A-Za-z.-]*)?(\\+[0-9A-Za-z][0-9A-Za-z.-]*)?");
    private static final Pattern ENV_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final String ENV_SCHEME = "env://";
    private static final String FILE_SCHEME = "file://";

    private final Path defaultBaseDir;
    private final Environment environment;
    private final Function<String, String> frameworkProperties;

    /**
     * @param defaultBaseDir the base directory when the settings name none ({@code <datadir>/plugins})
     * @param environment where {@code env://} references are looked up
     * @param frameworkProperties where Quorum's verification flags are read ({@link VerificationFlags}), read
     *     again on every load
     */
    public SettingsLoader(Path defaultBaseDir, Environment environment, Function<String, String> frameworkProperties) {
        this.defaultBaseDir = defaultBaseDir.toAbsolutePath().normalize();
        this.environment = environment;
        this.frameworkProperties = frameworkProperties;
    }

    /** Without verification flags: the settings file alone decides how downloads are verified. */
    public SettingsLoader(Path defaultBaseDir, Environment environment) {
        this(defaultBaseDir, environment, property -> null);
    }

    /** Reads and validates the settings file, with the verification flags applied to its {@code central}. */
    public PluginSettings load(Path file) throws SettingsException {
        Path absolute = file.toAbsolutePath().normalize();
        return parse(readSettingsFile(absolute), absolute.getParent(), "plugin settings " + absolute);
    }

    /**
     * Validates settings text.
     *
     * @param directory what relative paths ({@code baseDir}, {@code file://}) resolve against
     * @param source names the text in errors
     */
    public PluginSettings parse(String text, Path directory, String source) throws SettingsException {
        VerificationFlags flags = VerificationFlags.fromProperties(frameworkProperties);
        PluginSettings settings = new Parse(source, directory.toAbsolutePath().normalize())
                .settings(StrictJson.parse(text, source));
        if (!flags.overrides() || settings.central().isEmpty()) {
            return settings;
        }
        return new PluginSettings(settings.baseDir(), Optional.of(flags.applyTo(settings.central().get(),
                settings.baseDir())), settings.providers());
    }

    private static String readSettingsFile(Path file) throws SettingsException {
        String prefix = "plugin settings " + file + ": ";
        if (!Files.isRegularFile(file)) {
            throw new SettingsException(prefix + (Files.exists(file) ? "is not a regular file" : "file does not exist"));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_SETTINGS_BYTES + 1);
        } catch (IOException e) {
            throw new SettingsException(prefix + "cannot read: " + e, e);
        }
        if (bytes.length > MAX_SETTINGS_BYTES) {
            throw new SettingsException(prefix + "is larger than " + MAX_SETTINGS_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SettingsException(prefix + "is not UTF-8 text", e);
        }
    }

    /** One validation run: knows the source and directory every message and relative path needs. */
    private final class Parse {
        private final String source;
        private final Path directory;

        Parse(String source, Path directory) {
            this.source = source;
            this.directory = directory;
        }

        PluginSettings settings(JsonElement root) throws SettingsException {
            JsonObject object = object(root, "(top level)");
            checkKeys(object, TOP_LEVEL_KEYS, "", "");
            Path baseDir = baseDir(optionalString(object, "baseDir", "baseDir"));
            Optional<CentralSettings> central = isAbsent(object.get("central"))
                    ? Optional.empty() : Optional.of(central(object(object.get("central"), "central")));
            Map<String, ProviderSettings> providers = providers(object.get("providers"));
            for (ProviderSettings provider : providers.values()) {
                if (provider.artifact().isPresent() && central.flatMap(CentralSettings::maven).isEmpty()) {
                    throw error("providers." + provider.interfaceKey() + ".artifact", "needs a Maven central:"
                            + " \"central\": {\"baseURL\": \"...\", \"layout\": \"maven\"}");
                }
            }
            return new PluginSettings(baseDir, central, providers);
        }

        private Path baseDir(String value) throws SettingsException {
            if (value == null || value.isEmpty()) {
                return defaultBaseDir;
            }
            String path = value;
            if (value.startsWith(ENV_SCHEME)) {
                String variable = envVariable(value.substring(ENV_SCHEME.length()), "baseDir");
                path = environment.get(variable);
                if (path == null || path.isEmpty()) {
                    throw error("baseDir", "environment variable " + variable + " is not set");
                }
            }
            return path("baseDir", path);
        }

        private CentralSettings central(JsonObject central) throws SettingsException {
            checkKeys(central, CENTRAL_KEYS, "central.", "in central");
            String baseUrl = optionalString(central, "baseURL", "central.baseURL");
            if (baseUrl != null && !baseUrl.isEmpty()) {
                baseUrl = resolveRelativeUrl(baseUrl);
                checkCentralUrl(baseUrl, "central.baseURL");
            }
            String fingerprint = Optional.ofNullable(optionalString(central, "certFingerprint", "central.certFingerprint"))
                    .orElse("");
            if (!fingerprint.isEmpty() && !FINGERPRINT.matcher(fingerprint.replace(":", "")).matches()) {
                throw error("central.certFingerprint", "must be the server certificate's SHA-256 as 64 hex digits"
                        + " (colons allowed), was '" + fingerprint + "'");
            }
            boolean skipTls = optionalBoolean(central, "insecureSkipTLSVerify", "central.insecureSkipTLSVerify")
                    || optionalBoolean(central, "insecureSkipVerify", "central.insecureSkipVerify");
            String publicKeyUri = optionalString(central, "publicKeyURI", "central.publicKeyURI");
            Optional<Path> publicKeyFile = publicKeyFile(optionalString(central, "publicKeyFile",
                    "central.publicKeyFile"));
            boolean skipVerify = optionalBoolean(central, "skipVerify", "central.skipVerify");
            if (skipVerify && publicKeyFile.isPresent()) {
                throw error("central.skipVerify", "cannot be combined with central.publicKeyFile (like Quorum's"
                        + " --plugins.skipverify and --plugins.localverify): check signatures with the local key,"
                        + " or skip checking, not both");
            }
            if (publicKeyUri != null && !publicKeyUri.isEmpty() && (skipVerify || publicKeyFile.isPresent())) {
                throw error("central.publicKeyURI", "is not used with " + (skipVerify ? "central.skipVerify"
                        : "central.publicKeyFile") + "; remove one of them");
            }
            String distTemplate = optionalString(central, "pluginDistPathTemplate", "central.pluginDistPathTemplate");
            String sigTemplate = optionalString(central, "pluginSigPathTemplate", "central.pluginSigPathTemplate");
            Optional<MavenLayout> maven = mavenLayout(central);
            if (maven.isPresent() && (distTemplate != null || sigTemplate != null)) {
                throw error(distTemplate != null ? "central.pluginDistPathTemplate" : "central.pluginSigPathTemplate",
                        "is not used with \"layout\": \"maven\" (artifacts are found by their coordinates);"
                                + " remove it");
            }
            return new CentralSettings(baseUrl, fingerprint, publicKeyUri, skipTls, distTemplate, sigTemplate,
                    publicKeyFile, skipVerify, maven);
        }

        /** {@code "layout": "maven"} with an optional {@code groupId}; Quorum's layout otherwise. */
        private Optional<MavenLayout> mavenLayout(JsonObject central) throws SettingsException {
            String layout = Optional.ofNullable(optionalString(central, "layout", "central.layout"))
                    .orElse(QUORUM_LAYOUT);
            String groupId = optionalString(central, "groupId", "central.groupId");
            if (!layout.equals(MAVEN_LAYOUT) && !layout.equals(QUORUM_LAYOUT)) {
                throw error("central.layout", "must be \"" + QUORUM_LAYOUT + "\" (path templates, the default) or \""
                        + MAVEN_LAYOUT + "\" (a Maven repository), was '" + layout + "'");
            }
            if (layout.equals(QUORUM_LAYOUT)) {
                if (groupId != null) {
                    throw error("central.groupId", "is only used with \"layout\": \"maven\"");
                }
                return Optional.empty();
            }
            try {
                return Optional.of(new MavenLayout(Optional.ofNullable(groupId)));
            } catch (IllegalArgumentException e) {
                throw error("central.groupId", e.getMessage());
            }
        }

        /** A local key file, {@code file://} prefix optional, relative to the settings file; it must exist. */
        private Optional<Path> publicKeyFile(String value) throws SettingsException {
            if (value == null) {
                return Optional.empty();
            }
            String file = value.startsWith(FILE_SCHEME) ? value.substring(FILE_SCHEME.length()) : value;
            if (file.isBlank()) {
                throw error("central.publicKeyFile", "names no file");
            }
            Path key = path("central.publicKeyFile", file);
            if (!Files.isRegularFile(key)) {
                throw error("central.publicKeyFile", (Files.exists(key) ? key + " is not a regular file"
                        : "file " + key + " does not exist") + " (expected the armored OpenPGP public key that signs"
                        + " the central's plugins)");
            }
            return Optional.of(key);
        }

        /** {@code "restart": {"maxRestarts": 5, "window": "10m", "maxBackoff": "30s"}}; absent keys keep defaults. */
        private Optional<RestartPolicy> restartPolicy(JsonElement element, String path) throws SettingsException {
            if (isAbsent(element)) {
                return Optional.empty();
            }
            JsonObject restart = object(element, path);
            checkKeys(restart, RESTART_KEYS, path + ".", "in " + path);
            RestartPolicy defaults = RestartPolicy.DEFAULT;
            int maxRestarts = restart.has("maxRestarts")
                    ? count(restart.get("maxRestarts"), path + ".maxRestarts") : defaults.maxRestarts();
            return Optional.of(new RestartPolicy(maxRestarts,
                    optionalDuration(restart, "window", path, defaults.window()),
                    optionalDuration(restart, "maxBackoff", path, defaults.maxBackoff())));
        }

        private int count(JsonElement element, String path) throws SettingsException {
            if (element instanceof JsonPrimitive primitive && primitive.isNumber()) {
                BigDecimal number = primitive.getAsBigDecimal();
                if (number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0
                        && number.compareTo(BigDecimal.valueOf(MAX_RESTARTS_LIMIT)) <= 0) {
                    return number.intValueExact();
                }
            }
            throw error(path, "must be a whole number from 0 to " + MAX_RESTARTS_LIMIT + ", was " + describe(element));
        }

        private Duration optionalDuration(JsonObject object, String key, String parentPath,
                Duration fallback) throws SettingsException {
            String path = parentPath + "." + key;
            String text = optionalString(object, key, path);
            if (text == null) {
                return fallback;
            }
            try {
                return DurationText.parse(source + ": " + path, text);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(e.getMessage(), e);
            }
        }

        private Map<String, ProviderSettings> providers(JsonElement element) throws SettingsException {
            Map<String, ProviderSettings> providers = new LinkedHashMap<>();
            if (isAbsent(element)) {
                return providers;
            }
            for (Map.Entry<String, JsonElement> entry : object(element, "providers").entrySet()) {
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                String path = "providers." + entry.getKey();
                if (!INTERFACE_KEY.matcher(key).matches()) {
                    throw error(path, "interface key must be letters, digits, '-' or '_', was '" + entry.getKey() + "'");
                }
                if (providers.containsKey(key)) {
                    throw error(path, "interface key '" + key + "' is configured twice (keys ignore case)");
                }
                providers.put(key, provider(key, path, entry.getValue()));
            }
            return providers;
        }

        private ProviderSettings provider(String key, String path, JsonElement element) throws SettingsException {
            JsonObject provider = object(element, path);
            checkKeys(provider, PROVIDER_KEYS, path + ".", "in provider '" + key + "'");
            String name = requiredString(provider, "name", path);
            String namePath = path + ".name";
            if (name.contains("/") || name.contains("\\")) {
                throw error(namePath, "must be a plain name without path separators, was '" + name + "'");
            }
            if (!PLUGIN_NAME.matcher(name).matches() || name.contains("..")) {
                throw error(namePath, "must be letters, digits, '.', '-' or '_' (no '..'), was '" + name + "'");
            }
            String version = requiredString(provider, "version", path);
            if (!VERSION.matcher(version).matches()) {
                throw error(path + ".version", "must be a semantic version like 1.0.0, was '" + version + "'");
            }
            return new ProviderSettings(key, name, version, config(key, path + ".config", provider.get("config")),
                    optionalBoolean(provider, "optional", path + ".optional"),
                    restartPolicy(provider.get("restart"), path + ".restart"),
                    artifact(optionalString(provider, "artifact", path + ".artifact"), path + ".artifact"));
        }

        /** {@code "artifact": "mvn:groupId/artifactId/version[/type[/classifier]]"}, Karaf's notation. */
        private Optional<MavenArtifact> artifact(String value, String path) throws SettingsException {
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(MavenArtifact.parse(value));
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }

        private ConfigSource config(String key, String path, JsonElement element) throws SettingsException {
            if (isAbsent(element)) {
                return new ConfigSource.Inline(key, "");
            }
            if (element.isJsonObject() || element.isJsonArray()) {
                return new ConfigSource.Inline(key, new Gson().toJson(element));
            }
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                throw error(path, "must be a JSON object, array or string, was a " + (element.getAsJsonPrimitive()
                        .isNumber() ? "number" : "boolean")); // not the value: configs hold secrets
            }
            String value = element.getAsString();
            if (value.startsWith(FILE_SCHEME)) {
                String file = value.substring(FILE_SCHEME.length());
                if (file.isEmpty()) {
                    throw error(path, "'" + value + "' names no file");
                }
                return new ConfigSource.FileReference(key, value, path(path, file));
            }
            if (value.startsWith(ENV_SCHEME)) {
                String reference = value.substring(ENV_SCHEME.length());
                int query = reference.indexOf('?');
                boolean namesFile = false;
                if (query >= 0) {
                    if (!reference.substring(query + 1).equals("type=file")) {
                        throw error(path, "'" + value + "': the only query allowed is ?type=file");
                    }
                    namesFile = true;
                    reference = reference.substring(0, query);
                }
                return new ConfigSource.EnvReference(key, value, envVariable(reference, path), namesFile, directory,
                        environment);
            }
            return new ConfigSource.Inline(key, value);
        }

        private String envVariable(String name, String path) throws SettingsException {
            if (!ENV_VARIABLE.matcher(name).matches()) {
                throw error(path, "'" + ENV_SCHEME + name + "' does not name an environment variable");
            }
            return name;
        }

        private Path path(String path, String value) throws SettingsException {
            try {
                return directory.resolve(value).normalize();
            } catch (InvalidPathException e) {
                throw error(path, "'" + value + "' is not a valid path: " + e.getReason());
            }
        }

        /**
         * A baseURL without a scheme names a folder relative to the settings file, like {@code baseDir}: the
         * distribution's embedded central is {@code ../central/} so that it can be unpacked anywhere.
         */
        private String resolveRelativeUrl(String url) throws SettingsException {
            boolean hasScheme = url.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
            if (hasScheme || url.startsWith("/")) {
                return url;
            }
            try {
                Path folder = directory.resolve(url).normalize();
                if (!Files.isDirectory(folder)) {
                    throw error("central.baseURL", "'" + url + "' is not a URL and no folder " + folder + " exists");
                }
                return folder.toUri().toString();
            } catch (InvalidPathException e) {
                throw error("central.baseURL", "'" + url + "' is neither a URL nor a folder: " + e.getReason());
            }
        }

        private void checkCentralUrl(String url, String path) throws SettingsException {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean web = (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
                boolean file = scheme.equals("file") && !uri.isOpaque();
                if (!web && !file) {
                    throw error(path, "must be an https:, http: or file:/// URL, was '" + url + "'");
                }
            } catch (URISyntaxException e) {
                throw error(path, "'" + url + "' is not a URL: " + e.getReason());
            }
        }

        private void checkKeys(JsonObject object, Set<String> allowed, String pathPrefix, String where)
                throws SettingsException {
            for (String key : object.keySet()) {
                if (!allowed.contains(key)) {
                    throw error(pathPrefix + key, "unknown key" + (where.isEmpty() ? "" : " " + where)
                            + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        private JsonObject object(JsonElement element, String path) throws SettingsException {
            if (element == null || !element.isJsonObject()) {
                throw error(path, "must be a JSON object, was " + describe(element));
            }
            return element.getAsJsonObject();
        }

        private String requiredString(JsonObject object, String key, String parentPath) throws SettingsException {
            String path = parentPath + "." + key;
            String value = optionalString(object, key, path);
            if (value == null || value.isBlank()) {
                throw error(path, "is required");
            }
            return value;
        }

        private String optionalString(JsonObject object, String key, String path) throws SettingsException {
            JsonElement element = object.get(key);
            if (isAbsent(element)) {
                return null;
            }
            if (!(element instanceof JsonPrimitive primitive) || !primitive.isString()) {
                throw error(path, "must be a string, was " + describe(element));
            }
            return element.getAsString();
        }

        private boolean optionalBoolean(JsonObject object, String key, String path) throws SettingsException {
            JsonElement element = object.get(key);
            if (isAbsent(element)) {
                return false;
            }
            if (!(element instanceof JsonPrimitive primitive) || !primitive.isBoolean()) {
                throw error(path, "must be true or false, was " + describe(element));
            }
            return element.getAsBoolean();
        }

        private SettingsException error(String path, String problem) {
            return new SettingsException(source + ": " + path + ": " + problem);
        }
    }

    private static boolean isAbsent(JsonElement element) {
        return element == null || element.isJsonNull();
    }

    private static String describe(JsonElement element) {
        if (element == null) {
            return "missing";
        }
        String json = element.toString();
        return json.length() > 40 ? json.substring(0, 40) + "..." : json;
    }
}
