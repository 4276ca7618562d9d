package dev.pnode.rpc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What the endpoints read from the plugin settings themselves. */
public class PluginSettingsFileTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void noSettingsMeansNoSecurityPlugin() {
        assertFalse(PluginSettingsFile.configured(null));
        assertFalse(PluginSettingsFile.configured(" "));
    }

    @Test
    public void aSecurityProviderIsSeen() throws Exception {
        assertTrue(PluginSettingsFile.configured(write(
                "{\"providers\":{\"security\":{\"name\":\"security\",\"version\":\"1.0.0\"}}}")));
    }

    @Test
    public void otherProvidersAreNotSecurity() throws Exception {
        assertFalse(PluginSettingsFile.configured(write("{\"providers\":{\"helloworld\":{}}}")));
        assertFalse(PluginSettingsFile.configured(write("{\"baseDir\":\"plugins\"}")));
    }

    @Test
    public void unreadableSettingsFailClosed() throws Exception {
        assertTrue(PluginSettingsFile.configured(write("{not json")));
        assertTrue(PluginSettingsFile.configured(folder.getRoot().toPath().resolve("missing.json").toString()));
    }

    @Test
    public void readsWhichProvidersAreOptional() throws Exception {
        assertEquals(Set.of("kvstore"), PluginSettingsFile.optionalProviders(write("{\"providers\":{"
                + "\"helloworld\":{},\"kvstore\":{\"optional\":true},\"security\":{\"optional\":false},"
                + "\"odd\":{\"optional\":\"true\"}}}")));
    }

    /** Health then holds every plugin to account. */
    @Test
    public void unreadableSettingsMakeEveryProviderRequired() throws Exception {
        assertEquals(Set.of(), PluginSettingsFile.optionalProviders(write("{not json")));
        assertEquals(Set.of(), PluginSettingsFile.optionalProviders(null));
    }

    private String write(String json) throws Exception {
        return Files.writeString(folder.newFile().toPath(), json).toString();
    }
}
