package dev.pnode.launcher.boot;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.MavenCoordinates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BundleCacheTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aCacheFilledFromTheSameFilesIsKeptAndSaysWhenItWasFilled() throws Exception {
        Path cache = temp.newFolder("felix-cache").toPath();
        Map<BundleSpec, Path> bundles = bundles("a", "b");
        long before = System.currentTimeMillis();
        BundleCache.of(cache, framework(), bundles).recordFilled();
        long after = System.currentTimeMillis();

        OptionalLong filled = BundleCache.of(cache, framework(), bundles).filledFromTheseFiles();

        assertTrue(filled.isPresent());
        assertTrue(filled.getAsLong() >= before && filled.getAsLong() <= after);
    }

    @Test
    public void noRecordMeansARebuiltCache() throws Exception {
        Path cache = temp.newFolder("felix-cache").toPath();

        assertFalse(BundleCache.of(cache, framework(), bundles("a")).filledFromTheseFiles().isPresent());
        assertFalse(BundleCache.of(temp.getRoot().toPath().resolve("none"), framework(), bundles("a"))
                .filledFromTheseFiles().isPresent());
    }

    @Test
    public void aChangedBundleFileAnotherBundleOrAnotherOrderRebuildsTheCache() throws Exception {
        Path cache = temp.newFolder("felix-cache").toPath();
        Map<BundleSpec, Path> bundles = bundles("a", "b");
        BundleCache.of(cache, framework(), bundles).recordFilled();

        assertFalse(BundleCache.of(cache, framework(), bundles("a", "b", "c")).filledFromTheseFiles().isPresent());
        assertFalse(BundleCache.of(cache, framework(), bundles("b", "a")).filledFromTheseFiles().isPresent());
        Path rebuilt = bundles.values().iterator().next();
        Files.setLastModifiedTime(rebuilt, FileTime.fromMillis(Files.getLastModifiedTime(rebuilt).toMillis() + 1000));
        assertFalse(BundleCache.of(cache, framework(), bundles).filledFromTheseFiles().isPresent());
    }

    @Test
    public void aGarbledRecordRebuildsTheCache() throws Exception {
        Path cache = temp.newFolder("felix-cache").toPath();
        Files.writeString(cache.resolve(BundleCache.RECORD), "filled soon\n");

        assertFalse(BundleCache.of(cache, framework(), Map.of()).filledFromTheseFiles().isPresent());
    }

    @Test
    public void forgettingBundleDataEmptiesEveryDataAreaAndKeepsTheBundles() throws Exception {
        Path cache = temp.newFolder("felix-cache").toPath();
        Path revision = Files.createDirectories(cache.resolve("bundle3/version0.0"));
        Files.writeString(revision.resolve("revision.location"), "reference:file:/x.jar");
        Path config = Files.createDirectories(cache.resolve("bundle3/data/config/org/apache/felix/http"));
        Files.writeString(config.resolve("metrics.config"), "org.osgi.service.http.port=I\"6060\"");

        BundleCache.of(cache, framework(), Map.of()).forgetBundleData();

        assertFalse(Files.exists(cache.resolve("bundle3/data")));
        assertTrue(Files.exists(revision.resolve("revision.location")));
    }

    @Test
    public void anotherFrameworkRebuildsTheCache() throws Exception {
        Path cache = temp.newFolder("felix-cache").toPath();
        BundleCache.of(cache, framework(), bundles("a")).recordFilled();

        Path newer = Files.writeString(temp.getRoot().toPath().resolve("felix-7.1.jar"), "newer");
        assertFalse(BundleCache.of(cache, newer, bundles("a")).filledFromTheseFiles().isPresent());
    }

    private Path framework() throws Exception {
        Path jar = temp.getRoot().toPath().resolve("felix.jar");
        return Files.exists(jar) ? jar : Files.writeString(jar, "felix");
    }

    private Map<BundleSpec, Path> bundles(String... names) throws Exception {
        Map<BundleSpec, Path> bundles = new LinkedHashMap<>();
        for (String name : names) {
            Path file = temp.getRoot().toPath().resolve(name + ".jar");
            if (!Files.exists(file)) {
                Files.writeString(file, name);
            }
            bundles.put(new BundleSpec(MavenCoordinates.parse("mvn:g/" + name + "/1"), 20, true), file);
        }
        return bundles;
    }
}
