package dev.pnode.launcher.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.launcher.logging.LogOutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code --log.format}, {@code --log.maxsize}, {@code --log.maxbackups} and their {@code [Log]} keys. */
public class LogSettingsTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void defaultsAreTextRolledAtTenMegabytesKeepingFive() throws Exception {
        assertEquals(new NodeSettings.Logging(LogOutputFormat.TEXT, 10, 5), resolve().logging());
    }

    @Test
    public void flagsSetFormatSizeAndBackups() throws Exception {
        NodeSettings.Logging logging = resolve("--log.format", "json", "--log.maxsize", "100", "--log.maxbackups",
                "10").logging();

        assertEquals(new NodeSettings.Logging(LogOutputFormat.JSON, 100, 10), logging);
    }

    @Test
    public void theSettingsFileSetsThemAndFlagsWin() throws Exception {
        Path config = toml("[Log]\nFormat = \"json\"\nMaxSize = 50\nMaxBackups = 2\n");

        assertEquals(new NodeSettings.Logging(LogOutputFormat.JSON, 50, 2),
                resolve("--config", config.toString()).logging());
        assertEquals(new NodeSettings.Logging(LogOutputFormat.TEXT, 50, 3),
                resolve("--config", config.toString(), "--log.format", "text", "--log.maxbackups", "3").logging());
    }

    @Test
    public void badFlagValuesNameTheFlagAndWhatIsAllowed() {
        assertUsageError("flag --log.format: 'xml' must be \"text\" or \"json\"", "--log.format", "xml");
        assertUsageError("flag --log.maxsize: '0' must be a whole number from 1 to 100000", "--log.maxsize", "0");
        assertUsageError("flag --log.maxbackups: 'many' must be a whole number from 1 to 1000",
                "--log.maxbackups", "many");
    }

    @Test
    public void badSettingsNameTheFileLineAndKey() throws Exception {
        Path config = toml("[Log]\nFormat = \"JSON\"\n");
        ConfigException error = assertThrows(ConfigException.class, () -> resolve("--config", config.toString()));
        assertTrue(error.getMessage(), error.getMessage().contains(config + ":2: [Log] Format = \"JSON\" must be"
                + " \"text\" or \"json\""));

        Path size = toml("[Log]\nMaxSize = 0\n");
        error = assertThrows(ConfigException.class, () -> resolve("--config", size.toString()));
        assertTrue(error.getMessage(), error.getMessage().contains("[Log] MaxSize = 0 must be from 1 to 100000"));
    }

    @Test
    public void theHelpListsTheLogFlagsWithTheirDefaults() {
        String usage = CommandLine.usage();

        assertTrue(usage, usage.contains("--log.format FORMAT"));
        assertTrue(usage, usage.contains("--log.maxsize MB"));
        assertTrue(usage, usage.contains("--log.maxbackups N"));
    }

    private NodeSettings resolve(String... flags) throws Exception {
        return NodeSettings.resolve(CommandLine.parse(flags), temp.getRoot().toPath(), temp.getRoot().toPath(),
                false);
    }

    private Path toml(String text) throws Exception {
        return Files.writeString(Files.createTempFile(temp.getRoot().toPath(), "node", ".toml"), text);
    }

    private static void assertUsageError(String expected, String... flags) {
        UsageException error = assertThrows(UsageException.class, () -> CommandLine.parse(flags));
        assertEquals(expected, error.getMessage());
    }
}
