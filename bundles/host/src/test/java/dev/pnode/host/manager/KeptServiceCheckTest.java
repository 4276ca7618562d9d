package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KeptServiceCheckTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void withoutARecordThePluginIsAsked() throws IOException {
        Path record = temp.getRoot().toPath().resolve("1.0.0-0123456789abcdef.services");

        assertFalse(KeptServiceCheck.covers(record, List.of("proto.PluginGreeting")));
        assertFalse("even an interface that needs no service is checked once",
                KeptServiceCheck.covers(record, List.of()));
    }

    @Test
    public void aRecordCoversTheServicesItNames() throws IOException {
        Path record = temp.getRoot().toPath().resolve("1.0.0-0123456789abcdef.services");

        KeptServiceCheck.remember(record, Set.of("proto.PluginGreeting", "proto.PluginInitializer"));

        assertTrue(KeptServiceCheck.covers(record, List.of("proto.PluginInitializer", "proto.PluginGreeting")));
        assertTrue(KeptServiceCheck.covers(record, List.of("proto.PluginGreeting")));
        assertFalse("an interface that needs another service asks the plugin again",
                KeptServiceCheck.covers(record, List.of("proto.PluginGreeting", "proto.PluginAccountManager")));
        assertEquals(List.of("proto.PluginGreeting", "proto.PluginInitializer"),
                Files.readAllLines(record, StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));
    }

    @Test
    public void aLaterRecordReplacesTheEarlierOne() throws IOException {
        Path record = temp.getRoot().toPath().resolve("1.0.0-0123456789abcdef.services");
        KeptServiceCheck.remember(record, Set.of("proto.PluginGreeting"));

        KeptServiceCheck.remember(record, Set.of("proto.PluginAccountManager"));

        assertFalse(KeptServiceCheck.covers(record, List.of("proto.PluginGreeting")));
        assertTrue(KeptServiceCheck.covers(record, List.of("proto.PluginAccountManager")));
        try (var left = Files.list(temp.getRoot().toPath())) {
            assertEquals("no temporary file is left", 1, left.count());
        }
    }

    @Test
    public void aRecordThatIsNotAFileIsNoRecord() throws IOException {
        Path record = Files.createDirectory(temp.getRoot().toPath().resolve("1.0.0-0123456789abcdef.services"));

        assertFalse(KeptServiceCheck.covers(record, List.of()));
        KeptServiceCheck.remember(record, Set.of("proto.PluginGreeting"));
        assertFalse("a record that cannot be written means asking again",
                KeptServiceCheck.covers(record, List.of("proto.PluginGreeting")));
    }
}
