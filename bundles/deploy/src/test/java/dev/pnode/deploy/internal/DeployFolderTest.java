package dev.pnode.deploy.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DeployFolderTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void copiesABundleUnderItsOwnName() throws IOException {
        Path source = TestJars.bundle(temp.newFolder("src").toPath().resolve("kv.jar"), "dev.pnode.kv", "1.0.0");
        Path deploy = temp.getRoot().toPath().resolve("deploy");

        String outcome = new DeployFolder(deploy).install(source.toUri().toString());

        assertEquals("Copied dev.pnode.kv 1.0.0 to " + deploy.resolve("kv.jar")
                + "; it is installed and started within a few seconds", outcome);
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(deploy.resolve("kv.jar")));
        assertEquals("only the jar, no temporary file left", List.of("kv.jar"), names(deploy));
    }

    @Test
    public void replacesAJarOfTheSameName() throws IOException {
        Path sources = temp.newFolder("src").toPath();
        Path deploy = temp.newFolder("deploy").toPath();
        DeployFolder folder = new DeployFolder(deploy);
        folder.install(TestJars.bundle(sources.resolve("kv.jar"), "dev.pnode.kv", "1.0.0").toUri().toString());
        Path second = TestJars.bundle(temp.newFolder("v2").toPath().resolve("kv.jar"), "dev.pnode.kv", "2.0.0");

        String outcome = folder.install(second.toUri().toString());

        assertTrue(outcome, outcome.startsWith("Replaced dev.pnode.kv 2.0.0 to "));
        assertArrayEquals(Files.readAllBytes(second), Files.readAllBytes(deploy.resolve("kv.jar")));
    }

    @Test
    public void aFileWithoutJarSuffixGetsOne() throws IOException {
        Path source = TestJars.bundle(temp.newFolder("src").toPath().resolve("kv-bundle"), "dev.pnode.kv", "1.0.0");
        Path deploy = temp.newFolder("deploy").toPath();

        new DeployFolder(deploy).install(source.toUri().toString());

        assertEquals(List.of("kv-bundle.jar"), names(deploy));
    }

    @Test
    public void somethingThatIsNotABundleNeverReachesTheFolder() throws IOException {
        Path plain = TestJars.plainJar(temp.newFolder("src").toPath().resolve("plain.jar"));
        Path deploy = temp.newFolder("deploy").toPath();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeployFolder(deploy).install(plain.toUri().toString()));

        assertEquals(plain.toUri() + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName",
                e.getMessage());
        assertEquals(List.of(), names(deploy));
    }

    @Test
    public void hiddenNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeployFolder.jarName(".kv.jar"));
        assertEquals("refusing the hidden file name '.kv.jar': the deploy folder is for visible *.jar files",
                e.getMessage());
    }

    @Test
    public void theFolderIsFileInstallsOrElseTheDataDirectorysDeploy() {
        assertEquals(Path.of("/srv/watched"),
                DeployFolder.of(Optional.of("/srv/watched"), Optional.of("/srv/data")).directory());
        assertEquals(Path.of("/srv/data/deploy"),
                DeployFolder.of(Optional.empty(), Optional.of("/srv/data")).directory());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DeployFolder.of(Optional.empty(), Optional.of(" ")));
        assertEquals("no deploy folder: neither felix.fileinstall.dir nor pnode.datadir is set", e.getMessage());
    }

    private static List<String> names(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
