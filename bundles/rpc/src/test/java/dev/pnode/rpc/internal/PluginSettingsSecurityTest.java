package dev.pnode.rpc.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What the endpoint assumes about security while the plugin host is away. */
public class PluginSettingsSecurityTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void noSettingsMeansNoSecurityPlugin() {
        assertFalse(PluginSettingsSecurity.configured(null));
        assertFalse(PluginSettingsSecurity.configured(" "));
    }

    @Test
    public void aSecurityProviderIsSeen() throws Exception {
        assertTrue(PluginSettingsSecurity.configured(write(
                "{\"providers\":{\"security\":{\"name\":\"security\",\"version\":\"1.0.0\"}}}")));
    }

    @Test
    public void otherProvidersAreNotSecurity() throws Exception {
        assertFalse(PluginSettingsSecurity.configured(write("{\"providers\":{\"helloworld\":{}}}")));
        assertFalse(PluginSettingsSecurity.configured(write("{\"baseDir\":\"plugins\"}")));
    }

    @Test
    public void unreadableSettingsFailClosed() throws Exception {
        assertTrue(PluginSettingsSecurity.configured(write("{not json")));
        assertTrue(PluginSettingsSecurity.configured(folder.getRoot().toPath().resolve("missing.json").toString()));
    }

    private String write(String json) throws Exception {
        return Files.writeString(folder.newFile().toPath(), json).toString();
    }
}
