package dev.pnode.central;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.DownloadProgress;
import dev.pnode.central.CentralException.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A Maven repository as a plugin central, written the way Maven users publish: a real {@code mvn deploy} with
 * {@code maven-gpg-plugin} (a throwaway gpg key in a temporary GNUPGHOME) into a repository that a real HTTP server
 * serves on loopback. maven-gpg-plugin and maven-deploy-plugin come from the local repository or Maven Central.
 */
public class MavenCentralTest {

    @ClassRule
    public static final TemporaryFolder SHARED = new TemporaryFolder();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private static final String GROUP = "test.plugins";
    private static Path gnupgHome;
    private static Path repository;
    private static Path publisherKey;
    private static Path strangerKey;

    /** One release and one snapshot of the plugin "helloworld", deployed and signed by Maven. */
    @BeforeClass
    public static void deployWithMaven() throws Exception {
        assertTrue("gpg is not installed: apt-get install gnupg (.ci/run does this)", available("gpg", "--version"));
        assertTrue("mvn is not installed: apt-get install maven", available("mvn", "--version"));
        Path root = SHARED.getRoot().toPath();
        gnupgHome = Files.createDirectory(root.resolve("gnupg"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        gpg("--batch", "--passphrase", "", "--quick-gen-key", "pnode plugin publisher", "rsa2048", "sign", "never");
        gpg("--batch", "--passphrase", "", "--quick-gen-key", "someone else", "rsa2048", "sign", "never");
        publisherKey = Files.writeString(root.resolve("publisher.asc"),
                gpg("--armor", "--export", "pnode plugin publisher"));
        strangerKey = Files.writeString(root.resolve("stranger.asc"), gpg("--armor", "--export", "someone else"));
        repository = root.resolve("repository");
        deploy(root, "1.0.0");
        deploy(root, "1.0.1-SNAPSHOT");
    }

    @AfterClass
    public static void stopGpgAgent() throws Exception {
        if (gnupgHome != null) {
            run(List.of("gpgconf", "--kill", "gpg-agent"), null);
        }
    }

    /** A plugin project as its README shows it: the zip attached to a pom, signed, deployed. */
    private static void deploy(Path root, String version) throws Exception {
        Path project = Files.createDirectories(root.resolve("project-" + version));
        Path zip = TestPlugins.zip(project, "helloworld", version);
        Path parent = Path.of(System.getProperty("pnode.test.parent.pom", "../../pom.xml")).toAbsolutePath().normalize();
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>dev.pnode</groupId><artifactId>pnode-parent</artifactId><version>%s</version>
                    <relativePath>%s</relativePath>
                  </parent>
                  <groupId>%s</groupId>
                  <artifactId>helloworld</artifactId>
                  <version>%s</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.codehaus.mojo</groupId><artifactId>build-helper-maven-plugin</artifactId>
                        <executions><execution><id>attach-plugin-zip</id><phase>package</phase>
                          <goals><goal>attach-artifact</goal></goals>
                          <configuration><artifacts><artifact><file>%s</file><type>zip</type></artifact></artifacts></configuration>
                        </execution></executions>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-gpg-plugin</artifactId>
                        <executions><execution><id>sign</id><phase>verify</phase><goals><goal>sign</goal></goals>
                          <configuration><keyname>pnode plugin publisher</keyname><bestPractices>true</bestPractices></configuration>
                        </execution></executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(parentVersion(parent), project.relativize(parent), GROUP, version, zip.getFileName()));
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "deploy",
                "-DaltDeploymentRepository=test::" + repository.toUri()));
        String localRepository = System.getProperty("pnode.test.repository");
        if (localRepository != null) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        run(command, project);
    }

    private static String parentVersion(Path parentPom) throws IOException {
        String pom = Files.readString(parentPom);
        int artifact = pom.indexOf("<artifactId>pnode-parent</artifactId>");
        int start = pom.indexOf("<version>", artifact) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    private Path baseDir() throws IOException {
        return temp.newFolder("plugins").toPath();
    }

    private static CentralConfig maven(java.net.URI baseUrl, Verification verification) {
        return CentralConfig.defaults(baseUrl).withVerification(verification)
                .withMaven(new MavenLayout(Optional.of(GROUP))).withRetries(0);
    }

    private static Path versionDirectory(Path repo, String version) {
        return repo.resolve("test/plugins/helloworld/" + version);
    }

    @Test
    public void aReleaseDeployedByMavenIsInstalledWithItsSignatureAndChecksumChecked() throws Exception {
        Path baseDir = baseDir();
        try (CentralServer server = CentralServer.http(repository);
                LogCapture logs = new LogCapture("dev.pnode.central")) {
            Path installed = new PluginCentral().install(maven(server.baseUrl(),
                    Verification.localKey(publisherKey)), "helloworld", "1.0.0", baseDir);

            assertEquals(baseDir.resolve("helloworld-1.0.0.zip"), installed);
            assertTrue(Files.isRegularFile(PluginCentral.digestRecordOf(installed)));
            PluginCentral.verifyRecordedDigest(installed);
            String log = String.join("\n", logs.messages(java.util.logging.Level.INFO));
            assertTrue(log, log.contains("test/plugins/helloworld/1.0.0/helloworld-1.0.0.zip: SHA-256"));
            assertTrue(log, log.contains("signed by key"));
        }
    }

    @Test
    public void aSnapshotIsResolvedThroughMavenMetadata() throws Exception {
        Path baseDir = baseDir();
        try (CentralServer server = CentralServer.http(repository)) {
            Path installed = new PluginCentral().install(maven(server.baseUrl(), Verification.localKey(publisherKey)),
                    "helloworld", "1.0.1-SNAPSHOT", baseDir);

            assertEquals(baseDir.resolve("helloworld-1.0.1-SNAPSHOT.zip"), installed);
            try (Stream<Path> files = Files.list(versionDirectory(repository, "1.0.1-SNAPSHOT"))) {
                assertTrue("Maven named the snapshot by time stamp", files.anyMatch(file -> file.getFileName()
                        .toString().matches("helloworld-1\\.0\\.1-\\d{8}\\.\\d{6}-1\\.zip")));
            }
        }
    }

    @Test
    public void anArtifactNamedByMvnCoordinatesIsInstalledUnderThePluginsName() throws Exception {
        Path baseDir = baseDir();
        try (CentralServer server = CentralServer.http(repository)) {
            Path installed = new PluginCentral().installArtifact(CentralConfig.defaults(server.baseUrl())
                    .withVerification(Verification.localKey(publisherKey)).withMaven(new MavenLayout(Optional.empty())),
                    MavenArtifact.parse("mvn:test.plugins/helloworld/1.0.0/zip"), "helloworld", "1.0.0", baseDir,
                    DownloadProgress.NONE);

            assertEquals(baseDir.resolve("helloworld-1.0.0.zip"), installed);
        }
    }

    @Test
    public void aFileRepositoryWorksAsWell() throws Exception {
        Path baseDir = baseDir();
        new PluginCentral().install(maven(repository.toUri(), Verification.localKey(publisherKey)), "helloworld",
                "1.0.0", baseDir);

        assertTrue(Files.isRegularFile(baseDir.resolve("helloworld-1.0.0.zip")));
    }

    @Test
    public void aTamperedArtifactFailsItsChecksumAndNothingIsInstalled() throws Exception {
        Path repo = copyOfRepository();
        Path zip = versionDirectory(repo, "1.0.0").resolve("helloworld-1.0.0.zip");
        Files.copy(TestPlugins.zip(temp.newFolder("evil").toPath(), "helloworld", "1.0.0", 10), zip,
                StandardCopyOption.REPLACE_EXISTING);
        Path baseDir = baseDir();

        CentralException e = assertThrows(CentralException.class, () -> new PluginCentral().install(
                maven(repo.toUri(), Verification.localKey(publisherKey)), "helloworld", "1.0.0", baseDir));

        assertEquals(e.getMessage(), Failure.DIGEST_MISMATCH, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("helloworld-1.0.0.zip.sha1 says"));
        assertNothingIn(baseDir);
    }

    @Test
    public void aTamperedArtifactWithAMatchingChecksumFailsItsSignature() throws Exception {
        Path repo = copyOfRepository();
        Path directory = versionDirectory(repo, "1.0.0");
        Path zip = directory.resolve("helloworld-1.0.0.zip");
        Files.copy(TestPlugins.zip(temp.newFolder("evil").toPath(), "helloworld", "1.0.0", 10), zip,
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(directory.resolve("helloworld-1.0.0.zip.sha1"), sha1(zip));
        Path baseDir = baseDir();

        CentralException e = assertThrows(CentralException.class, () -> new PluginCentral().install(
                maven(repo.toUri(), Verification.localKey(publisherKey)), "helloworld", "1.0.0", baseDir));

        assertEquals(e.getMessage(), Failure.SIGNATURE, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("helloworld-1.0.0.zip.asc does not verify"));
        assertNothingIn(baseDir);
    }

    @Test
    public void aSignatureByAKeyThatIsNotTrustedIsRefused() throws Exception {
        Path baseDir = baseDir();
        try (CentralServer server = CentralServer.http(repository)) {
            CentralException e = assertThrows(CentralException.class, () -> new PluginCentral().install(
                    maven(server.baseUrl(), Verification.localKey(strangerKey)), "helloworld", "1.0.0", baseDir));

            assertEquals(e.getMessage(), Failure.SIGNATURE, e.failure());
            assertTrue(e.getMessage(), e.getMessage().contains("is not among the trusted keys from " + strangerKey));
        }
        assertNothingIn(baseDir);
    }

    @Test
    public void withoutALocalKeyTheErrorSaysHowToGiveOne() throws Exception {
        try (CentralServer server = CentralServer.http(repository)) {
            CentralException e = assertThrows(CentralException.class, () -> new PluginCentral().install(
                    maven(server.baseUrl(), Verification.onlineDefault()), "helloworld", "1.0.0", baseDir()));

            assertEquals(Failure.NOT_FOUND, e.failure());
            assertTrue(e.getMessage(), e.getMessage().contains("gpg.key"));
            assertTrue(e.getMessage(), e.getMessage().contains("a Maven repository publishes no key of its own; give"
                    + " the publisher's key as central.publicKeyFile, or with --plugins.localverify"));
        }
    }

    @Test
    public void skippingSignaturesStillChecksTheChecksum() throws Exception {
        Path repo = copyOfRepository();
        Files.writeString(versionDirectory(repo, "1.0.0").resolve("helloworld-1.0.0.zip.sha1"), "0".repeat(40));
        Path baseDir = baseDir();

        CentralException e = assertThrows(CentralException.class, () -> new PluginCentral().install(
                maven(repo.toUri(), Verification.skip()), "helloworld", "1.0.0", baseDir));

        assertEquals(Failure.DIGEST_MISMATCH, e.failure());
        assertNothingIn(baseDir);
    }

    @Test
    public void aSha256BesideTheArtifactIsPreferredToItsSha1() throws Exception {
        Path repo = copyOfRepository();
        Path directory = versionDirectory(repo, "1.0.0");
        Files.writeString(directory.resolve("helloworld-1.0.0.zip.sha256"), "f".repeat(64) + "  helloworld-1.0.0.zip\n");
        Path baseDir = baseDir();

        CentralException e = assertThrows(CentralException.class, () -> new PluginCentral().install(
                maven(repo.toUri(), Verification.localKey(publisherKey)), "helloworld", "1.0.0", baseDir));

        assertTrue(e.getMessage(), e.getMessage().contains("helloworld-1.0.0.zip.sha256 says " + "f".repeat(64)));
    }

    @Test
    public void anArtifactWithoutAnyChecksumIsRefused() throws Exception {
        Path repo = copyOfRepository();
        Files.delete(versionDirectory(repo, "1.0.0").resolve("helloworld-1.0.0.zip.sha1"));

        CentralException e = assertThrows(CentralException.class, () -> new PluginCentral().install(
                maven(repo.toUri(), Verification.localKey(publisherKey)), "helloworld", "1.0.0", baseDir()));

        assertEquals(Failure.NOT_FOUND, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("has no checksum for"));
    }

    @Test
    public void aVersionTheRepositoryLacksIsNotFound() throws Exception {
        Path baseDir = baseDir();
        try (CentralServer server = CentralServer.http(repository)) {
            CentralException missing = assertThrows(CentralException.class, () -> new PluginCentral().install(
                    maven(server.baseUrl(), Verification.localKey(publisherKey)), "helloworld", "9.9.9", baseDir));
            assertEquals(Failure.NOT_FOUND, missing.failure());

            CentralException missingSnapshot = assertThrows(CentralException.class, () -> new PluginCentral().install(
                    maven(server.baseUrl(), Verification.localKey(publisherKey)), "helloworld", "9.9.9-SNAPSHOT",
                    baseDir));
            assertEquals(Failure.NOT_FOUND, missingSnapshot.failure());
            assertTrue(missingSnapshot.getMessage(), missingSnapshot.getMessage().contains("maven-metadata.xml"));
        }
    }

    private Path copyOfRepository() throws IOException {
        Path copy = temp.newFolder("repository").toPath();
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(repository.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    private static String sha1(Path file) throws Exception {
        return dev.pnode.central.internal.Sha256.hexOf(file, java.security.MessageDigest.getInstance("SHA-1"));
    }

    private static void assertNothingIn(Path baseDir) throws IOException {
        try (Stream<Path> files = Files.list(baseDir)) {
            List<Path> left = files.toList();
            assertFalse("left behind: " + left, !left.isEmpty());
        }
    }

    private static boolean available(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String gpg(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg"));
        command.addAll(List.of(arguments));
        return run(command, null);
    }

    private static String run(List<String> command, Path directory) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", gnupgHome.toString());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(command + " did not finish", process.waitFor(300, TimeUnit.SECONDS));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(command + " failed:\n" + text, 0, process.exitValue());
        return text;
    }
}
