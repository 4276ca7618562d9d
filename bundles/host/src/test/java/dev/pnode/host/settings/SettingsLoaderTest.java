package dev.pnode.host.settings;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.RestartPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SettingsLoaderTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final String FINGERPRINT = "AB:CD:" + "0".repeat(60);

    private Map<String, String> variables = Map.of();

    private SettingsLoader loader() throws IOException {
        return new SettingsLoader(temp.getRoot().toPath().resolve("data/plugins"), Environment.of(variables));
    }

    private PluginSettings parse(String json) throws Exception {
        return loader().parse(json, temp.getRoot().toPath(), "plugins.json");
    }

    private String error(String json) {
        return assertThrows(SettingsException.class, () -> parse(json)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue("expected '" + part + "' in: " + message, message.contains(part));
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    public void readsTheDistributionDefault() throws Exception {
        PluginSettings settings = parse("{\"baseDir\":\"../plugins\",\"providers\":{\"helloworld\":"
                + "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"config\":{\"language\":\"en\"}}}}");
        assertEquals(temp.getRoot().toPath().getParent().resolve("plugins"), settings.baseDir());
        ProviderSettings hello = settings.providers().get("helloworld");
        assertEquals("helloworld", hello.interfaceKey());
        assertEquals("helloworld", hello.name());
        assertEquals("1.0.0", hello.version());
        assertEquals("{\"language\":\"en\"}", utf8(hello.config().resolve()));
        assertTrue(settings.central().isEmpty());
    }

    @Test
    public void baseDirDefaultsToDatadirPlugins() throws Exception {
        assertEquals(temp.getRoot().toPath().resolve("data/plugins"), parse("{}").baseDir());
        assertEquals(temp.getRoot().toPath().resolve("data/plugins"), parse("{\"baseDir\":\"\"}").baseDir());
        assertEquals(temp.getRoot().toPath().resolve("data/plugins"), parse("{\"baseDir\":null}").baseDir());
    }

    @Test
    public void absoluteBaseDirIsKept() throws Exception {
        assertEquals(Path.of("/opt/plugins"), parse("{\"baseDir\":\"/opt/plugins\"}").baseDir());
    }

    @Test
    public void baseDirFromEnvironment() throws Exception {
        variables = Map.of("PLUGINS_DIR", "/srv/plugins");
        assertEquals(Path.of("/srv/plugins"), parse("{\"baseDir\":\"env://PLUGINS_DIR\"}").baseDir());
    }

    @Test
    public void relativeBaseDirFromEnvironmentResolvesAgainstSettingsDirectory() throws Exception {
        variables = Map.of("PLUGINS_DIR", "zips");
        assertEquals(temp.getRoot().toPath().resolve("zips"), parse("{\"baseDir\":\"env://PLUGINS_DIR\"}").baseDir());
    }

    @Test
    public void baseDirFromUnsetVariableIsAnError() {
        assertMentions(error("{\"baseDir\":\"env://NOPE\"}"), "plugins.json", "baseDir", "NOPE", "not set");
    }

    @Test
    public void baseDirWithBadVariableNameIsAnError() {
        assertMentions(error("{\"baseDir\":\"env://1-bad\"}"), "baseDir", "does not name an environment variable");
    }

    @Test
    public void baseDirMustBeAString() {
        assertMentions(error("{\"baseDir\":42}"), "baseDir", "must be a string", "42");
    }

    @Test
    public void providersKeepFileOrder() throws Exception {
        PluginSettings settings = parse("{\"providers\":{"
                + "\"zeta\":{\"name\":\"z\",\"version\":\"1.0.0\"},"
                + "\"alpha\":{\"name\":\"a\",\"version\":\"1.0.0\"},"
                + "\"mid\":{\"name\":\"m\",\"version\":\"1.0.0\"}}}");
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(settings.providers().keySet()));
    }

    @Test
    public void providersAreImmutable() throws Exception {
        PluginSettings settings = parse("{\"providers\":{\"a\":{\"name\":\"a\",\"version\":\"1.0.0\"}}}");
        assertThrows(UnsupportedOperationException.class, () -> settings.providers().clear());
    }

    @Test
    public void interfaceKeysAreLowerCasedLikeQuorum() throws Exception {
        PluginSettings settings = parse("{\"providers\":{\"HelloWorld\":{\"name\":\"a\",\"version\":\"1.0.0\"}}}");
        assertEquals("helloworld", settings.providers().get("helloworld").interfaceKey());
    }

    @Test
    public void interfaceKeysDifferingOnlyInCaseAreAnError() {
        assertMentions(error("{\"providers\":{\"hello\":{\"name\":\"a\",\"version\":\"1.0.0\"},"
                + "\"HELLO\":{\"name\":\"b\",\"version\":\"1.0.0\"}}}"), "providers.HELLO", "configured twice");
    }

    @Test
    public void interfaceKeyWithOddCharactersIsAnError() {
        assertMentions(error("{\"providers\":{\"../x\":{\"name\":\"a\",\"version\":\"1.0.0\"}}}"),
                "providers.../x", "interface key");
        assertMentions(error("{\"providers\":{\"\":{\"name\":\"a\",\"version\":\"1.0.0\"}}}"), "interface key");
    }

    @Test
    public void noProvidersIsFine() throws Exception {
        assertTrue(parse("{\"providers\":{}}").providers().isEmpty());
        assertTrue(parse("{\"providers\":null}").providers().isEmpty());
    }

    @Test
    public void providersMustBeAnObject() {
        assertMentions(error("{\"providers\":[]}"), "providers", "must be a JSON object", "[]");
    }

    @Test
    public void providerMustBeAnObject() {
        assertMentions(error("{\"providers\":{\"helloworld\":\"helloworld-1.0.0\"}}"), "providers.helloworld",
                "must be a JSON object");
    }

    @Test
    public void unknownTopLevelKeyIsNamed() {
        assertMentions(error("{\"basedir\":\"x\"}"), "plugins.json", "basedir", "unknown key",
                "baseDir, central, providers");
    }

    @Test
    public void unknownProviderKeyIsNamed() {
        assertMentions(error("{\"providers\":{\"helloworld\":{\"name\":\"a\",\"version\":\"1.0.0\",\"cfg\":{}}}}"),
                "providers.helloworld.cfg", "unknown key", "in provider 'helloworld'", "config, name, optional, restart, version");
    }

    @Test
    public void missingNameIsNamed() {
        assertMentions(error("{\"providers\":{\"helloworld\":{\"version\":\"1.0.0\"}}}"),
                "providers.helloworld.name", "is required");
    }

    @Test
    public void blankNameIsNamed() {
        assertMentions(error("{\"providers\":{\"helloworld\":{\"name\":\" \",\"version\":\"1.0.0\"}}}"),
                "providers.helloworld.name", "is required");
    }

    @Test
    public void missingVersionIsNamed() {
        assertMentions(error("{\"providers\":{\"helloworld\":{\"name\":\"hello\"}}}"),
                "providers.helloworld.version", "is required");
    }

    @Test
    public void numericVersionIsNamed() {
        assertMentions(error("{\"providers\":{\"helloworld\":{\"name\":\"hello\",\"version\":1}}}"),
                "providers.helloworld.version", "must be a string", "1");
    }

    @Test
    public void versionMustLookLikeSemver() {
        for (String bad : List.of("1", "1.0", "v1.0.0", "1.0.0.0", "latest", "1.0.0-", "1.0.0/../x", "1.0.x")) {
            assertMentions(error("{\"providers\":{\"h\":{\"name\":\"hello\",\"version\":\"" + bad + "\"}}}"),
                    "providers.h.version", "semantic version", bad);
        }
    }

    @Test
    public void semverPreReleaseAndBuildAreAccepted() throws Exception {
        for (String good : List.of("0.1.0", "1.0.0-rc.1", "2.3.4+build.5", "10.20.30-alpha-1+x")) {
            assertEquals(good, parse("{\"providers\":{\"h\":{\"name\":\"hello\",\"version\":\"" + good + "\"}}}")
                    .providers().get("h").version());
        }
    }

    @Test
    public void nameWithPathSeparatorsIsRefused() {
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"../evil\",\"version\":\"1.0.0\"}}}"),
                "providers.h.name", "path separators", "../evil");
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a\\\\b\",\"version\":\"1.0.0\"}}}"),
                "providers.h.name", "path separators");
    }

    @Test
    public void nameWithDotDotOrOddCharactersIsRefused() {
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a..b\",\"version\":\"1.0.0\"}}}"),
                "providers.h.name", "no '..'");
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a b\",\"version\":\"1.0.0\"}}}"),
                "providers.h.name");
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\".hidden\",\"version\":\"1.0.0\"}}}"),
                "providers.h.name");
    }

    @Test
    public void providersAreRequiredUnlessMarkedOptional() throws Exception {
        PluginSettings settings = parse("{\"providers\":{\"a\":{\"name\":\"a\",\"version\":\"1.0.0\"},"
                + "\"b\":{\"name\":\"b\",\"version\":\"1.0.0\",\"optional\":true}}}");
        assertFalse(settings.providers().get("a").optional());
        assertTrue(settings.providers().get("b").optional());
    }

    @Test
    public void optionalMustBeABoolean() {
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"optional\":\"yes\"}}}"),
                "providers.h.optional", "true or false");
    }

    @Test
    public void quorumStyleNamesAreAccepted() throws Exception {
        assertEquals("quorum-plugin-hello-world", parse("{\"providers\":{\"helloworld\":"
                + "{\"name\":\"quorum-plugin-hello-world\",\"version\":\"1.0.0\"}}}").providers().get("helloworld").name());
    }

    @Test
    public void badJsonReportsLineAndColumn() {
        String message = error("{\n  \"providers\": {\n    \"helloworld\": {\"name\": \"a\",, }\n  }\n}");
        assertMentions(message, "plugins.json", "invalid JSON", "line 3");
        assertMentions(message, "column");
    }

    @Test
    public void unterminatedJsonIsAnError() {
        assertMentions(error("{\"providers\": {"), "invalid JSON", "line 1");
    }

    @Test
    public void commentsAreRefused() {
        assertMentions(error("{ // comment\n \"baseDir\": \"x\" }"), "invalid JSON", "line 1");
    }

    @Test
    public void singleQuotesAreRefused() {
        assertMentions(error("{'baseDir': 'x'}"), "invalid JSON");
    }

    @Test
    public void trailingContentIsRefused() {
        assertMentions(error("{} {}"), "plugins.json");
    }

    @Test
    public void emptyTextIsRefused() {
        assertMentions(error(""), "is empty");
        assertMentions(error("   \n "), "is empty");
    }

    @Test
    public void topLevelMustBeAnObject() {
        assertMentions(error("[]"), "(top level)", "must be a JSON object");
        assertMentions(error("\"x\""), "(top level)", "must be a JSON object");
    }

    @Test
    public void duplicateKeysAreRefused() {
        assertMentions(error("{\"baseDir\":\"a\",\"baseDir\":\"b\"}"), "duplicate key 'baseDir'", "line 1");
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a\",\"name\":\"b\",\"version\":\"1.0.0\"}}}"),
                "duplicate key 'name'");
    }

    @Test
    public void absurdNestingIsRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"config\":" + deep + "}}}"),
                "invalid JSON");
    }

    @Test
    public void missingConfigIsEmpty() throws Exception {
        ProviderSettings provider = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\"}}}")
                .providers().get("h");
        assertEquals(0, provider.config().resolve().length);
    }

    @Test
    public void inlineArrayConfigIsItsJsonText() throws Exception {
        ProviderSettings provider = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":[\"1\", 2, {\"x\": true}]}}}").providers().get("h");
        assertEquals("[\"1\",2,{\"x\":true}]", utf8(provider.config().resolve()));
    }

    @Test
    public void inlineObjectConfigKeepsKeyOrder() throws Exception {
        ProviderSettings provider = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":{\"z\":1,\"a\":2}}}}").providers().get("h");
        assertEquals("{\"z\":1,\"a\":2}", utf8(provider.config().resolve()));
    }

    @Test
    public void plainStringConfigIsPassedAsIs() throws Exception {
        ProviderSettings provider = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"{\\\"language\\\":\\\"es\\\"}\"}}}").providers().get("h");
        assertEquals("{\"language\":\"es\"}", utf8(provider.config().resolve()));
    }

    @Test
    public void numberConfigIsRefused() {
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"config\":5}}}"),
                "providers.h.config", "object, array or string, was a number");
        String message = error("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"config\":314159}}}");
        assertFalse("a config value is not repeated: " + message, message.contains("314159"));
    }

    @Test
    public void fileConfigIsReadOnEveryResolve() throws Exception {
        Path file = temp.newFile("cfg.json").toPath();
        Files.writeString(file, "{\"language\":\"en\"}");
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"config\":\"file://"
                + file + "\"}}}").providers().get("h").config();
        assertEquals("{\"language\":\"en\"}", utf8(config.resolve()));
        Files.writeString(file, "{\"language\":\"es\"}");
        assertEquals("{\"language\":\"es\"}", utf8(config.resolve()));
    }

    @Test
    public void relativeFileConfigResolvesAgainstSettingsDirectory() throws Exception {
        Files.writeString(temp.newFile("relative.json").toPath(), "relative");
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"file://relative.json\"}}}").providers().get("h").config();
        assertEquals("relative", utf8(config.resolve()));
    }

    @Test
    public void missingConfigFileNamesProviderAndSource() throws Exception {
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"file:///no/such/cfg.json\"}}}").providers().get("h").config();
        assertMentions(assertThrows(SettingsException.class, config::resolve).getMessage(),
                "provider 'h'", "file:///no/such/cfg.json", "does not exist");
    }

    @Test
    public void configDirectoryIsRefused() throws Exception {
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"config\":\"file://"
                + temp.getRoot() + "\"}}}").providers().get("h").config();
        assertMentions(assertThrows(SettingsException.class, config::resolve).getMessage(), "not a regular file");
    }

    @Test
    public void hugeConfigFileIsRefused() throws Exception {
        Path file = temp.newFile("huge.json").toPath();
        Files.write(file, new byte[(int) ConfigSource.MAX_FILE_BYTES + 1]);
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"config\":\"file://"
                + file + "\"}}}").providers().get("h").config();
        assertMentions(assertThrows(SettingsException.class, config::resolve).getMessage(), "provider 'h'",
                "larger than");
    }

    @Test
    public void emptyFileUriIsRefused() {
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\",\"config\":\"file://\"}}}"),
                "providers.h.config", "names no file");
    }

    @Test
    public void envConfigReadsTheVariable() throws Exception {
        variables = Map.of("HELLO_CONFIG", "{\"language\":\"es\"}");
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"env://HELLO_CONFIG\"}}}").providers().get("h").config();
        assertEquals("{\"language\":\"es\"}", utf8(config.resolve()));
        assertEquals("env://HELLO_CONFIG", config.toString());
    }

    @Test
    public void envConfigWithUnsetVariableNamesProviderAndVariable() throws Exception {
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"env://MISSING_CONFIG\"}}}").providers().get("h").config();
        assertMentions(assertThrows(SettingsException.class, config::resolve).getMessage(), "provider 'h'",
                "env://MISSING_CONFIG", "MISSING_CONFIG is not set");
    }

    @Test
    public void envFileConfigReadsTheNamedFile() throws Exception {
        Path file = temp.newFile("from-env.json").toPath();
        Files.writeString(file, "[1]");
        variables = Map.of("CFG_FILE", file.toString());
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"env://CFG_FILE?type=file\"}}}").providers().get("h").config();
        assertArrayEquals("[1]".getBytes(StandardCharsets.UTF_8), config.resolve());
    }

    @Test
    public void envFileConfigNamingMissingFileIsAnError() throws Exception {
        variables = Map.of("CFG_FILE", "/no/such/file.json");
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"env://CFG_FILE?type=file\"}}}").providers().get("h").config();
        assertMentions(assertThrows(SettingsException.class, config::resolve).getMessage(), "provider 'h'",
                "CFG_FILE", "/no/such/file.json", "does not exist");
    }

    @Test
    public void envConfigWithUnknownQueryIsRefused() {
        assertMentions(error("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":\"env://X?type=dir\"}}}"), "providers.h.config", "?type=file");
    }

    @Test
    public void configSourcesDoNotRevealTheirContents() throws Exception {
        ConfigSource config = parse("{\"providers\":{\"h\":{\"name\":\"a\",\"version\":\"1.0.0\","
                + "\"config\":{\"password\":\"hunter2\"}}}}").providers().get("h").config();
        assertFalse(config.toString().contains("hunter2"));
    }

    @Test
    public void centralTakesQuorumDefaults() throws Exception {
        CentralSettings central = parse("{\"central\":{}}").central().orElseThrow();
        assertEquals(CentralSettings.DEFAULT_BASE_URL, central.baseUrl());
        assertEquals(CentralSettings.DEFAULT_DIST_PATH_TEMPLATE, central.pluginDistPathTemplate());
        assertEquals(CentralSettings.DEFAULT_SIG_PATH_TEMPLATE, central.pluginSigPathTemplate());
        assertEquals(CentralSettings.DEFAULT_PUBLIC_KEY_URI, central.publicKeyUri());
        assertEquals("", central.certFingerprint());
        assertFalse(central.insecureSkipTlsVerify());
    }

    @Test
    public void centralFieldsAreRead() throws Exception {
        CentralSettings central = parse("{\"central\":{\"baseURL\":\"https://plugins.example.com/\","
                + "\"certFingerprint\":\"" + FINGERPRINT + "\","
                + "\"publicKeyURI\":\"https://keys.example.com/k.asc\","
                + "\"insecureSkipTLSVerify\":true,\"pluginDistPathTemplate\":\"{{.Name}}.zip\","
                + "\"pluginSigPathTemplate\":\"{{.Name}}.asc\"}}").central().orElseThrow();
        assertEquals("https://plugins.example.com/", central.baseUrl());
        assertEquals(FINGERPRINT, central.certFingerprint());
        assertEquals("https://keys.example.com/k.asc", central.publicKeyUri());
        assertTrue(central.insecureSkipTlsVerify());
        assertEquals("{{.Name}}.zip", central.pluginDistPathTemplate());
        assertEquals("{{.Name}}.asc", central.pluginSigPathTemplate());
    }

    @Test
    public void fileCentralIsAccepted() throws Exception {
        assertEquals("file:///srv/central/", parse("{\"central\":{\"baseURL\":\"file:///srv/central/\"}}")
                .central().orElseThrow().baseUrl());
    }

    @Test
    public void relativeCentralIsAFolderNextToTheSettingsFile() throws Exception {
        temp.newFolder("central");
        assertEquals(temp.getRoot().toPath().resolve("central").toUri().toString(),
                parse("{\"central\":{\"baseURL\":\"central/\"}}").central().orElseThrow().baseUrl());
    }

    @Test
    public void quorumDocsSpellingOfSkipVerifyIsAccepted() throws Exception {
        assertTrue(parse("{\"central\":{\"insecureSkipVerify\":true}}").central().orElseThrow().insecureSkipTlsVerify());
    }

    @Test
    public void centralErrorsNameTheKey() {
        assertMentions(error("{\"central\":{\"baseUrl\":\"https://x\"}}"), "central.baseUrl", "unknown key");
        assertMentions(error("{\"central\":{\"baseURL\":\"ftp://x\"}}"), "central.baseURL", "https:, http: or file:/// URL");
        assertMentions(error("{\"central\":{\"baseURL\":\"not a url\"}}"), "central.baseURL", "no folder");
        assertMentions(error("{\"central\":{\"insecureSkipTLSVerify\":\"yes\"}}"), "central.insecureSkipTLSVerify",
                "true or false");
        assertMentions(error("{\"central\":{\"certFingerprint\":\"xyz\"}}"), "central.certFingerprint",
                "64 hex digits");
        assertMentions(error("{\"central\":{\"certFingerprint\":\"abcd\"}}"), "central.certFingerprint",
                "64 hex digits");
        assertMentions(error("{\"central\":true}"), "central", "must be a JSON object");
    }

    @Test
    public void loadReadsAFileAndResolvesRelativeToIt() throws Exception {
        Path dir = temp.newFolder("etc").toPath();
        Path file = dir.resolve("plugins.json");
        Files.writeString(file, "{\"baseDir\":\"../plugins\"}");
        assertEquals(temp.getRoot().toPath().resolve("plugins"), loader().load(file).baseDir());
    }

    @Test
    public void loadOfMissingFileNamesIt() {
        Path missing = temp.getRoot().toPath().resolve("nope.json");
        assertMentions(assertThrows(SettingsException.class, () -> loader().load(missing)).getMessage(),
                missing.toString(), "does not exist");
    }

    @Test
    public void loadOfDirectoryIsRefused() {
        assertMentions(assertThrows(SettingsException.class, () -> loader().load(temp.getRoot().toPath()))
                .getMessage(), "not a regular file");
    }

    @Test
    public void loadOfHugeFileIsRefused() throws Exception {
        Path file = temp.newFile("huge.json").toPath();
        Files.writeString(file, "{\"baseDir\":\"" + "x".repeat((int) SettingsLoader.MAX_SETTINGS_BYTES) + "\"}");
        assertMentions(assertThrows(SettingsException.class, () -> loader().load(file)).getMessage(),
                file.toString(), "larger than");
    }

    @Test
    public void loadOfNonUtf8FileIsRefused() throws Exception {
        Path file = temp.newFile("latin1.json").toPath();
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertMentions(assertThrows(SettingsException.class, () -> loader().load(file)).getMessage(), "not UTF-8");
    }

    @Test
    public void loadErrorsNameTheFile() throws Exception {
        Path file = temp.newFile("bad.json").toPath();
        Files.writeString(file, "{\"providers\":{\"h\":{\"name\":\"a\"}}}");
        assertMentions(assertThrows(SettingsException.class, () -> loader().load(file)).getMessage(),
                "plugin settings " + file, "providers.h.version", "is required");
    }

    private static String withCentral(String central) {
        return "{\"central\":{" + central + "}}";
    }

    private static String withRestart(String restart) {
        return "{\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"restart\":"
                + restart + "}}}";
    }

    @Test
    public void centralChecksSignaturesOnlineByDefault() throws Exception {
        CentralSettings central = parse(withCentral("")).central().orElseThrow();
        assertFalse(central.skipVerify());
        assertEquals(Optional.empty(), central.publicKeyFile());
    }

    @Test
    public void publicKeyFileIsALocalKeyRelativeToTheSettingsFile() throws Exception {
        Path key = temp.newFile("central-key.asc").toPath();
        assertEquals(Optional.of(key), parse(withCentral("\"publicKeyFile\":\"central-key.asc\""))
                .central().orElseThrow().publicKeyFile());
        assertEquals(Optional.of(key), parse(withCentral("\"publicKeyFile\":\"file://" + key + "\""))
                .central().orElseThrow().publicKeyFile());
    }

    @Test
    public void missingPublicKeyFileIsNamed() {
        assertMentions(error(withCentral("\"publicKeyFile\":\"keys/nope.asc\"")), "plugins.json",
                "central.publicKeyFile", "nope.asc does not exist", "OpenPGP public key");
        assertMentions(error(withCentral("\"publicKeyFile\":\"\"")), "central.publicKeyFile", "names no file");
        assertMentions(error(withCentral("\"publicKeyFile\":true")), "central.publicKeyFile", "must be a string");
    }

    @Test
    public void skipVerifyIsRead() throws Exception {
        assertTrue(parse(withCentral("\"skipVerify\":true")).central().orElseThrow().skipVerify());
        assertFalse(parse(withCentral("\"skipVerify\":false")).central().orElseThrow().skipVerify());
        assertMentions(error(withCentral("\"skipVerify\":\"yes\"")), "central.skipVerify", "must be true or false");
    }

    @Test
    public void skipVerifyAndALocalKeyExcludeEachOther() throws Exception {
        temp.newFile("central-key.asc");
        assertMentions(error(withCentral("\"skipVerify\":true,\"publicKeyFile\":\"central-key.asc\"")),
                "central.skipVerify", "cannot be combined with central.publicKeyFile", "--plugins.skipverify");
    }

    @Test
    public void publicKeyUriIsRefusedWhereItWouldBeIgnored() throws Exception {
        temp.newFile("central-key.asc");
        assertMentions(error(withCentral("\"publicKeyURI\":\"gpg.key\",\"publicKeyFile\":\"central-key.asc\"")),
                "central.publicKeyURI", "is not used with central.publicKeyFile");
        assertMentions(error(withCentral("\"publicKeyURI\":\"gpg.key\",\"skipVerify\":true")),
                "central.publicKeyURI", "is not used with central.skipVerify");
    }

    @Test
    public void providersWithoutRestartUseTheHostDefault() throws Exception {
        assertEquals(Optional.empty(), parse(withRestart("null")).providers().get("helloworld").restart());
    }

    @Test
    public void restartPolicyIsRead() throws Exception {
        assertEquals(Optional.of(new RestartPolicy(2, Duration.ofMinutes(1), Duration.ofMillis(500))),
                parse(withRestart("{\"maxRestarts\":2,\"window\":\"1m\",\"maxBackoff\":\"500ms\"}"))
                        .providers().get("helloworld").restart());
    }

    @Test
    public void restartPolicyKeysLeftOutKeepTheirDefaults() throws Exception {
        assertEquals(Optional.of(new RestartPolicy(0, RestartPolicy.DEFAULT.window(), RestartPolicy.DEFAULT.maxBackoff())),
                parse(withRestart("{\"maxRestarts\":0}")).providers().get("helloworld").restart());
        assertEquals(Optional.of(RestartPolicy.DEFAULT), parse(withRestart("{}")).providers().get("helloworld").restart());
    }

    @Test
    public void badRestartPoliciesAreNamed() {
        assertMentions(error(withRestart("5")), "providers.helloworld.restart", "must be a JSON object");
        assertMentions(error(withRestart("{\"retries\":5}")), "providers.helloworld.restart.retries", "unknown key",
                "maxBackoff, maxRestarts, window");
        for (String count : new String[] {"-1", "1.5", "\"5\"", "1001", "true"}) {
            assertMentions(error(withRestart("{\"maxRestarts\":" + count + "}")),
                    "providers.helloworld.restart.maxRestarts", "must be a whole number from 0 to 1000, was " + count);
        }
        assertMentions(error(withRestart("{\"window\":\"10 minutes\"}")), "plugins.json",
                "providers.helloworld.restart.window", "'10 minutes' is not a duration like 500ms, 10s or 2m");
        assertMentions(error(withRestart("{\"maxBackoff\":\"0s\"}")), "providers.helloworld.restart.maxBackoff",
                "must be longer than zero");
        assertMentions(error(withRestart("{\"window\":600}")), "providers.helloworld.restart.window",
                "must be a string");
    }

    @Test
    public void aMavenCentralHasALayoutAndAGroupId() throws Exception {
        CentralSettings central = parse(withCentral("\"baseURL\":\"https://repo1.example.org/maven2/\","
                + "\"layout\":\"maven\",\"groupId\":\"org.example.plugins\"")).central().orElseThrow();
        assertEquals(Optional.of(new dev.pnode.central.MavenLayout(Optional.of("org.example.plugins"))), central.maven());
        assertEquals(Optional.empty(), parse(withCentral("\"layout\":\"quorum\"")).central().orElseThrow().maven());
        assertEquals(Optional.empty(), parse(withCentral("")).central().orElseThrow().maven());
    }

    @Test
    public void badMavenCentralSettingsNameTheKey() {
        assertMentions(error(withCentral("\"layout\":\"ivy\"")), "central.layout", "must be \"quorum\"",
                "or \"maven\"", "was 'ivy'");
        assertMentions(error(withCentral("\"groupId\":\"org.example\"")), "central.groupId",
                "only used with \"layout\": \"maven\"");
        assertMentions(error(withCentral("\"layout\":\"maven\",\"groupId\":\"org example\"")), "central.groupId",
                "'org example'");
        assertMentions(error(withCentral("\"layout\":\"maven\",\"pluginDistPathTemplate\":\"x.zip\"")),
                "central.pluginDistPathTemplate", "is not used with \"layout\": \"maven\"");
        assertMentions(error(withCentral("\"layout\":3")), "central.layout", "must be a string");
    }

    @Test
    public void aProviderMayNameItsMavenArtifact() throws Exception {
        PluginSettings settings = parse("{\"central\":{\"layout\":\"maven\"},\"providers\":{\"helloworld\":"
                + "{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                + "\"artifact\":\"mvn:dev.pnode/pnode-example-helloworld-java/0.1.0-SNAPSHOT/zip/plugin\"}}}");
        assertEquals("mvn:dev.pnode/pnode-example-helloworld-java/0.1.0-SNAPSHOT/zip/plugin",
                settings.providers().get("helloworld").artifact().orElseThrow().toString());
    }

    @Test
    public void badArtifactsNameTheProvider() {
        String provider = "\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"artifact\":";
        assertMentions(error("{\"central\":{\"layout\":\"maven\"}," + provider + "\"org.ex:hello:1.0\"}}}"),
                "providers.helloworld.artifact", "is not mvn:groupId/artifactId/version");
        assertMentions(error("{" + provider + "\"mvn:org.ex/hello/1.0\"}}}"), "providers.helloworld.artifact",
                "needs a Maven central", "\"layout\": \"maven\"");
        assertMentions(error("{\"central\":{}," + provider + "\"mvn:org.ex/hello/1.0\"}}}"),
                "providers.helloworld.artifact", "needs a Maven central");
    }
}
