package dev.pnode.launcher.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A file that sets nothing is read without the TOML parser; everything else, and every mistake, is the parser's. */
public class TomlSettingsTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private TomlSettings read(String text) throws Exception {
        return TomlSettings.read(Files.writeString(temp.getRoot().toPath().resolve("node.toml"), text));
    }

    private String error(String text) {
        return assertThrows(ConfigException.class, () -> read(text)).getMessage();
    }

    @Test
    public void theDistributionsSettingsFileSetsNothingAndNeedsNoParser() throws Exception {
        String distributed = Files.readString(Path.of("src/main/dist/etc/pnode.toml"));

        assertTrue(TomlSettings.setsNothing(distributed));
        assertEquals(0, read(distributed).values().size());
    }

    @Test
    public void commentsBlankLinesAndKnownSectionsSetNothing() throws Exception {
        String text = "# a comment\r\n\t\n  [Node]  \n[Node.HTTPTimeouts]\n# HTTPPort = 1\n[Log]";

        assertTrue(TomlSettings.setsNothing(text));
        assertEquals(0, read(text).values().size());
    }

    @Test
    public void aKeyIsRead() throws Exception {
        assertFalse(TomlSettings.setsNothing("# c\n[Log]\nVerbosity = 2\n"));
        assertEquals(2, read("# c\n[Log]\nVerbosity = 2\n").values().get(ConfigKey.VERBOSITY));
    }

    @Test
    public void anUnknownSectionIsStillNamedWithItsLine() {
        String message = error("# c\n[Nodes]\n");

        assertTrue(message, message.contains("node.toml:2: unknown 'Nodes'"));
    }

    @Test
    public void aRepeatedSectionAControlCharacterOrAnArrayOfTablesIsStillInvalidToml() {
        for (String text : new String[] {"[Node]\n[Node]\n", "# a\u0001b\n", "[[Node]]\n", "[ Node ]\n[Node]\n"}) {
            String message = error(text);

            assertTrue(text + ": " + message, message.contains("invalid TOML")
                    || message.contains("'Node': settings belong in the sections"));
        }
    }
}
