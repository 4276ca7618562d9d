package dev.pnode.launcher.attach;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.launcher.config.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.pnode.launcher.config.NodeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AttachCommandTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theSocketIsInTheDataDirectoryFoundLikeTheNodeFindsIt() throws Exception {
        Path work = temp.getRoot().toPath();
        Path config = Files.writeString(work.resolve("node.toml"), "[Node]\nDataDir = \"/srv/pnode\"\n");

        assertEquals(NodeSettings.defaultDataDir().resolve("pnode.console"), parse().socket());
        assertEquals(work.resolve("mine/pnode.console"), parse("--datadir", "mine").socket());
        assertEquals(Path.of("/srv/pnode/pnode.console"), parse("--config", config.toString()).socket());
        assertEquals(Optional.of("plugin:list"), parse("--exec", "plugin:list").command());
        assertEquals(Optional.empty(), parse("--datadir", "mine").command());
    }

    @Test
    public void badArgumentsSayWhatIsWrong() {
        assertUsage("flag --exec needs a value", "--exec");
        assertUsage("unknown flag '--verbose'", "--verbose", "1");
        assertUsage("unexpected argument 'plugin:list'", "plugin:list");
        assertUsage("--exec needs a command", "--exec", " ");
    }

    @Test
    public void execWithoutARunningNodeFailsNamingTheSocket() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AttachCommand command = parse("--exec", "plugin:list");

        int code = command.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8));

        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8).contains("cannot connect to " + command.socket()));
    }

    private AttachCommand parse(String... arguments) throws Exception {
        return AttachCommand.parse(arguments, temp.getRoot().toPath(), temp.getRoot().toPath());
    }

    private void assertUsage(String expected, String... arguments) {
        UsageException error = assertThrows(UsageException.class, () -> parse(arguments));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
    }
}
