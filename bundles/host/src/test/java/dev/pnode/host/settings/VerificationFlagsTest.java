package dev.pnode.host.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginSettingsProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Quorum's verification flags, as framework properties, override the settings file's central keys. */
public class VerificationFlagsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Map<String, String> properties = new HashMap<>();
    private Path directory;
    private Path baseDir;

    @Before
    public void folders() throws Exception {
        directory = temp.getRoot().toPath();
        baseDir = Files.createDirectories(directory.resolve("plugins"));
    }

    private CentralSettings central(String centralJson) throws Exception {
        return new SettingsLoader(baseDir, Environment.of(Map.of()), properties::get)
                .parse("{\"central\":{" + centralJson + "}}", directory, "plugins.json").central().orElseThrow();
    }

    private String error(String centralJson) {
        return assertThrows(SettingsException.class, () -> central(centralJson)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue("expected '" + part + "' in: " + message, message.contains(part));
        }
    }

    @Test
    public void withoutFlagsTheSettingsFileDecides() throws Exception {
        Path key = Files.writeString(directory.resolve("mine.asc"), "key");
        assertEquals(Optional.of(key), central("\"publicKeyFile\":\"mine.asc\"").publicKeyFile());
        assertTrue(central("\"skipVerify\":true").skipVerify());
        assertEquals("keys/central.asc", central("\"publicKeyURI\":\"keys/central.asc\"").publicKeyUri());
    }

    @Test
    public void skipVerifyOverridesALocalKeyAndAKeyUriInTheFile() throws Exception {
        Files.writeString(directory.resolve("mine.asc"), "key");
        properties.put(PluginSettingsProperties.SKIP_VERIFY, "true");
        CentralSettings central = central("\"publicKeyFile\":\"mine.asc\"");
        assertTrue(central.skipVerify());
        assertEquals(Optional.empty(), central.publicKeyFile());
        assertTrue(central("\"publicKeyURI\":\"other.key\"").skipVerify());
    }

    @Test
    public void localVerifyAloneUsesGpgKeyInTheBaseDirectoryAsQuorumDoes() throws Exception {
        Path key = Files.writeString(baseDir.resolve("gpg.key"), "key");
        properties.put(PluginSettingsProperties.LOCAL_VERIFY, "true");
        CentralSettings central = central("\"publicKeyURI\":\"https://elsewhere/key\"");
        assertEquals(Optional.of(key), central.publicKeyFile());
        assertFalse(central.skipVerify());
    }

    @Test
    public void localVerifyAloneKeepsTheFilesOwnLocalKey() throws Exception {
        Path key = Files.writeString(directory.resolve("mine.asc"), "key");
        properties.put(PluginSettingsProperties.LOCAL_VERIFY, "true");
        assertEquals(Optional.of(key), central("\"publicKeyFile\":\"mine.asc\"").publicKeyFile());
    }

    @Test
    public void localVerifyTurnsOffTheFilesSkipVerify() throws Exception {
        Files.writeString(baseDir.resolve("gpg.key"), "key");
        properties.put(PluginSettingsProperties.LOCAL_VERIFY, "true");
        assertFalse(central("\"skipVerify\":true").skipVerify());
    }

    @Test
    public void publicKeyAcceptsAPathOrAFileUrl() throws Exception {
        Path key = Files.writeString(directory.resolve("flag.asc"), "key");
        properties.put(PluginSettingsProperties.LOCAL_VERIFY, "true");
        properties.put(PluginSettingsProperties.PUBLIC_KEY, "file://" + key);
        assertEquals(Optional.of(key), central("").publicKeyFile());
        properties.put(PluginSettingsProperties.PUBLIC_KEY, key.toString());
        assertEquals(Optional.of(key), central("").publicKeyFile());
    }

    @Test
    public void aMissingLocalKeyNamesTheFlagAndTheFile() {
        properties.put(PluginSettingsProperties.LOCAL_VERIFY, "true");
        assertMentions(error(""), "--plugins.localverify", baseDir.resolve("gpg.key").toString(), "does not exist",
                "--plugins.publickey");
        properties.put(PluginSettingsProperties.PUBLIC_KEY, directory.toString());
        assertMentions(error(""), directory.toString(), "is not a regular file");
    }

    @Test
    public void skipAndLocalTogetherAreRefused() {
        properties.put(PluginSettingsProperties.SKIP_VERIFY, "true");
        properties.put(PluginSettingsProperties.LOCAL_VERIFY, "true");
        assertMentions(error(""), "--plugins.skipverify and --plugins.localverify exclude each other");
    }

    @Test
    public void aPublicKeyWithoutLocalVerifyIsRefused() {
        properties.put(PluginSettingsProperties.PUBLIC_KEY, "/etc/key.asc");
        assertMentions(error(""), "--plugins.publickey", "needs --plugins.localverify");
    }

    @Test
    public void aPropertyThatIsNotABooleanIsRefused() {
        properties.put(PluginSettingsProperties.SKIP_VERIFY, "yes");
        assertMentions(error(""), PluginSettingsProperties.SKIP_VERIFY, "--plugins.skipverify",
                "must be true or false, was 'yes'");
    }

    @Test
    public void flagsWithoutACentralChangeNothing() throws Exception {
        properties.put(PluginSettingsProperties.SKIP_VERIFY, "true");
        assertEquals(Optional.empty(), new SettingsLoader(baseDir, Environment.of(Map.of()), properties::get)
                .parse("{}", directory, "plugins.json").central());
    }
}
