package dev.pnode.host.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.central.Platform;
import dev.pnode.host.settings.CentralSettings;
import dev.pnode.host.settings.ConfigSource;
import dev.pnode.host.settings.PluginStore;
import dev.pnode.host.settings.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PluginLocatorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Platform linuxAmd64 = new Platform("linux", "amd64");
    private final ProviderSettings hello =
            new ProviderSettings("helloworld", "helloworld", "1.0.0", new ConfigSource.Inline("helloworld", ""));
    private final CentralSettings central = new CentralSettings(null, "", null, false, null, null);

    private PluginStore store(Optional<CentralSettings> withCentral) {
        return new PluginStore(temp.getRoot().toPath(), withCentral);
    }

    @Test
    public void looksForThePlainNameFirstThenQuorumsPlatformName() {
        assertEquals(List.of("helloworld-1.0.0.zip", "helloworld-1.0.0-linux-amd64.zip"),
                new PluginLocator(linuxAmd64, Optional.empty()).candidateNames(hello));
    }

    @Test
    public void findsThePlainZip() throws Exception {
        Path zip = temp.newFile("helloworld-1.0.0.zip").toPath();
        temp.newFile("helloworld-1.0.0-linux-amd64.zip");
        assertEquals(zip, new PluginLocator(linuxAmd64, Optional.empty()).locate(hello, store(Optional.empty())).zip());
    }

    @Test
    public void findsThePlatformZip() throws Exception {
        Path zip = temp.newFile("helloworld-1.0.0-linux-amd64.zip").toPath();
        temp.newFile("helloworld-1.0.0-darwin-arm64.zip");
        assertEquals(zip, new PluginLocator(linuxAmd64, Optional.empty()).locate(hello, store(Optional.empty())).zip());
    }

    @Test
    public void findsAnInstalledZipByNameAndVersionAsLocateDoes() throws Exception {
        PluginLocator locator = new PluginLocator(linuxAmd64, Optional.empty());
        Path baseDir = temp.getRoot().toPath();
        temp.newFolder("kvstore-2.0.0.zip");
        assertEquals("a directory is no zip", Optional.empty(), locator.findInBaseDir("kvstore", "2.0.0", baseDir));
        Path zip = temp.newFile("kvstore-2.0.0-linux-amd64.zip").toPath();
        assertEquals(Optional.of(zip), locator.findInBaseDir("kvstore", "2.0.0", baseDir));
        assertEquals(Optional.empty(), locator.findInBaseDir("kvstore", "2.0.1", baseDir));
    }

    @Test
    public void ignoresOtherVersionsAndDirectories() throws Exception {
        temp.newFile("helloworld-1.0.1.zip");
        temp.newFolder("helloworld-1.0.0.zip");
        String message = assertThrows(DiscoveryException.class,
                () -> new PluginLocator(linuxAmd64, Optional.empty()).locate(hello, store(Optional.empty())))
                .getMessage();
        assertTrue(message, message.contains("not found"));
    }

    @Test
    public void missingZipWithoutCentralSaysWhereItLooked() {
        String message = assertThrows(DiscoveryException.class,
                () -> new PluginLocator(linuxAmd64, Optional.empty()).locate(hello, store(Optional.empty())))
                .getMessage();
        assertTrue(message, message.contains(temp.getRoot().toString()));
        assertTrue(message, message.contains("helloworld-1.0.0.zip, helloworld-1.0.0-linux-amd64.zip"));
        assertTrue(message, message.contains("no central configured"));
    }

    @Test
    public void missingZipWithCentralButNoClientSaysSo() {
        String message = assertThrows(DiscoveryException.class,
                () -> new PluginLocator(linuxAmd64, Optional.empty()).locate(hello, store(Optional.of(central))))
                .getMessage();
        assertTrue(message, message.contains("no plugin central client"));
    }

    @Test
    public void missingZipIsFetchedFromTheCentral() throws Exception {
        Path downloaded = temp.getRoot().toPath().resolve("helloworld-1.0.0-linux-amd64.zip");
        PluginSource source = (provider, centralSettings, baseDir) -> {
            assertEquals(hello, provider);
            assertEquals(central, centralSettings);
            try {
                return Files.createFile(baseDir.resolve("helloworld-1.0.0-linux-amd64.zip"));
            } catch (java.io.IOException e) {
                throw new DiscoveryException("cannot write: " + e, e);
            }
        };
        PluginLocator.LocatedZip located =
                new PluginLocator(linuxAmd64, Optional.of(source)).locate(hello, store(Optional.of(central)));
        assertEquals(downloaded, located.zip());
        assertEquals("a zip just installed from the central was verified on the way in", Optional.empty(),
                located.recheckedBy());
    }

    @Test
    public void aZipAlreadyInTheBaseDirectoryIsRecheckedByItsSourceBeforeUse() throws Exception {
        Path zip = temp.newFile("helloworld-1.0.0.zip").toPath();
        PluginSource source = new PluginSource() {
            @Override
            public Path install(ProviderSettings provider, CentralSettings centralSettings, Path into) {
                throw new AssertionError("the zip is there: nothing to install");
            }

            @Override
            public void verifyInstalled(Path installed) throws DiscoveryException {
                throw new DiscoveryException(installed.getFileName() + " has SHA-256 aa but .sha256 recorded bb");
            }
        };
        PluginLocator.LocatedZip located =
                new PluginLocator(linuxAmd64, Optional.of(source)).locate(hello, store(Optional.of(central)));
        assertEquals(zip, located.zip());
        String message = assertThrows(DiscoveryException.class, located::verify).getMessage();
        assertEquals("helloworld-1.0.0.zip has SHA-256 aa but .sha256 recorded bb", message);
    }

    @Test
    public void centralFailuresArePassedOn() {
        PluginSource failing = (provider, centralSettings, baseDir) -> {
            throw new DiscoveryException("signature of helloworld-1.0.0-linux-amd64.zip does not verify");
        };
        String message = assertThrows(DiscoveryException.class,
                () -> new PluginLocator(linuxAmd64, Optional.of(failing)).locate(hello, store(Optional.of(central))))
                .getMessage();
        assertEquals("signature of helloworld-1.0.0-linux-amd64.zip does not verify", message);
    }
}
