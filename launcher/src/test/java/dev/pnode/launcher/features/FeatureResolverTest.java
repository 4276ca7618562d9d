package dev.pnode.launcher.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FeatureResolverTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void dependenciesComeFirstAndEachBundleOnce() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'>"
                + "<feature name='app'><feature>web</feature><feature>db</feature><bundle>mvn:g/app/1</bundle></feature>"
                + "<feature name='web'><feature>core</feature><bundle>mvn:g/web/1</bundle></feature>"
                + "<feature name='db'><feature>core</feature><bundle>mvn:g/db/1</bundle></feature>"
                + "<feature name='core'><bundle>mvn:g/core/1</bundle></feature>"
                + "</features>");

        assertEquals(List.of("core", "web", "db", "app"), artifacts(resolver.resolve(List.of("app"))));
    }

    @Test
    public void severalBootFeaturesShareTheirBundles() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'>"
                + "<feature name='a'><bundle>mvn:g/x/1</bundle><bundle>mvn:g/a/1</bundle></feature>"
                + "<feature name='b'><bundle>mvn:g/x/1</bundle><bundle>mvn:g/b/1</bundle></feature>"
                + "</features>");

        assertEquals(List.of("x", "a", "b"), artifacts(resolver.resolve(List.of("a", "b", "a"))));
    }

    @Test
    public void aBundleListedTwiceKeepsTheLowestStartLevelAndStartsIfAnyoneStartsIt() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'>"
                + "<feature name='a'><bundle start-level='50' start='false'>mvn:g/x/1</bundle></feature>"
                + "<feature name='b'><bundle start-level='20'>mvn:g/x/1</bundle></feature>"
                + "</features>");

        assertEquals(List.of(new BundleSpec(MavenCoordinates.parse("mvn:g/x/1"), 20, true)),
                resolver.resolve(List.of("a", "b")));
    }

    @Test
    public void reportsACycleWithItsPath() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'>"
                + "<feature name='a'><feature>b</feature></feature>"
                + "<feature name='b'><feature>c</feature></feature>"
                + "<feature name='c'><feature>a</feature></feature>"
                + "</features>");

        assertMessage(resolver, List.of("a"), "features depend on each other in a cycle: a -> b -> c -> a");
    }

    @Test
    public void reportsAFeatureThatNeedsItself() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'><feature name='a'><feature>a</feature></feature>"
                + "</features>");

        assertMessage(resolver, List.of("a"), "cycle: a -> a");
    }

    @Test
    public void reportsAMissingDependencyAndWhoNeedsIt() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'><feature name='a'><feature>ghost</feature></feature>"
                + "</features>");

        assertMessage(resolver, List.of("a"), "feature 'ghost' (needed by 'a') is not defined in");
    }

    @Test
    public void reportsAMissingBootFeatureAndWhatIsAvailable() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'><feature name='a'/><feature name='b'/></features>");

        assertMessage(resolver, List.of("pnode"), "feature 'pnode' is not defined in");
        assertMessage(resolver, List.of("pnode"), "(available: a, b)");
    }

    @Test
    public void reportsAVersionMismatch() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'>"
                + "<feature name='a'><feature version='2.0'>b</feature></feature>"
                + "<feature name='b' version='1.0'/></features>");

        assertMessage(resolver, List.of("a"), "feature 'a' needs b version 2.0, but");
        assertMessage(resolver, List.of("a"), "defines version 1.0");
    }

    @Test
    public void aMatchingVersionResolves() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'>"
                + "<feature name='a'><feature version='1.0'>b</feature></feature>"
                + "<feature name='b' version='1.0'><bundle>mvn:g/b/1</bundle></feature></features>");

        assertEquals(List.of("b"), artifacts(resolver.resolve(List.of("a"))));
    }

    @Test
    public void nothingToBootIsAnError() throws Exception {
        FeatureResolver resolver = resolver("<features name='n'><feature name='a'/></features>");

        assertMessage(resolver, List.of(), "no features to boot");
    }

    @Test
    public void repositoriesReferencedByPathAndMvnUrlAreLoaded() throws Exception {
        Path root = temp.getRoot().toPath();
        Path system = root.resolve("system");
        Path fromMaven = system.resolve("g/more/1/more-1-features.xml");
        Files.createDirectories(fromMaven.getParent());
        Files.writeString(fromMaven, "<features name='m'><feature name='m'><bundle>mvn:g/m/1</bundle></feature>"
                + "</features>");
        Files.writeString(root.resolve("side.xml"), "<features name='s'><repository>main.xml</repository>"
                + "<feature name='s'><bundle>mvn:g/s/1</bundle></feature></features>");
        Path main = root.resolve("main.xml");
        Files.writeString(main, "<features name='main'><repository>side.xml</repository>"
                + "<repository>mvn:g/more/1/xml/features</repository>"
                + "<feature name='all'><feature>s</feature><feature>m</feature></feature></features>");

        FeaturesRepository repository = FeaturesRepository.load(List.of(main), new MavenRepository(system));

        assertEquals(List.of("s", "m"), artifacts(new FeatureResolver(repository).resolve(List.of("all"))));
        assertEquals(3, repository.files().size());
    }

    @Test
    public void aFeatureDefinedInTwoRepositoriesIsAnError() throws Exception {
        write("a.xml", "<features name='a'><feature name='f'/></features>");
        write("b.xml", "<features name='b'><feature name='f'/></features>");

        String message = loadError("a.xml", "b.xml");

        assertTrue(message, message.contains("feature 'f' is defined in both"));
    }

    @Test
    public void aMissingReferencedRepositoryNamesTheReference() throws Exception {
        write("a.xml", "<features name='a'><repository>mvn:g/gone/1/xml/features</repository></features>");

        String message = loadError("a.xml");

        assertTrue(message, message.contains("<repository>mvn:g/gone/1/xml/features"));
        assertTrue(message, message.contains("gone-1-features.xml does not exist"));
    }

    @Test
    public void anUnsupportedRepositorySchemeIsAnError() throws Exception {
        write("a.xml", "<features name='a'><repository>https://example.com/f.xml</repository></features>");

        String message = loadError("a.xml");

        assertTrue(message, message.contains("only mvn:, file: and plain paths"));
    }

    private void write(String name, String xml) throws Exception {
        Files.writeString(temp.getRoot().toPath().resolve(name), xml);
    }

    private String loadError(String... files) {
        Path root = temp.getRoot().toPath();
        List<Path> paths = Arrays.stream(files).map(root::resolve).toList();
        return assertThrows(FeaturesException.class, () -> FeaturesRepository.load(paths, new MavenRepository(root)))
                .getMessage();
    }

    private FeatureResolver resolver(String xml) throws Exception {
        Path file = temp.getRoot().toPath().resolve("features.xml");
        Files.writeString(file, xml);
        return new FeatureResolver(FeaturesRepository.load(List.of(file),
                new MavenRepository(temp.getRoot().toPath())));
    }

    private static List<String> artifacts(List<BundleSpec> bundles) {
        return bundles.stream().map(bundle -> bundle.location().artifactId()).toList();
    }

    private static void assertMessage(FeatureResolver resolver, List<String> boot, String expected) {
        FeaturesException error = assertThrows(FeaturesException.class, () -> resolver.resolve(boot));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
    }
}
