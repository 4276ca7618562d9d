package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The grpc bundle as a node's start reads it (bundles/grpc/bnd.bnd says why). */
public class GrpcBundleIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    /** Its classes are stored, not deflated: a start reads them without inflating them. */
    @Test
    public void itsClassesAreStoredUncompressed() throws Exception {
        Path bundle;
        try (Stream<Path> files = Files.walk(NodeProcess.DISTRIBUTION.resolve("system/dev/pnode/pnode-grpc"))) {
            bundle = files.filter(file -> file.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        try (ZipFile jar = new ZipFile(bundle.toFile())) {
            List<String> deflated = jar.stream()
                    .filter(entry -> entry.getName().endsWith(".class") && entry.getMethod() != ZipEntry.STORED)
                    .map(ZipEntry::getName).collect(Collectors.toList());
            assertTrue(deflated.size() + " deflated classes in " + bundle + ", e.g. "
                    + deflated.subList(0, Math.min(3, deflated.size())), deflated.isEmpty());
        }
    }

    /**
     * netty's BoringSSL and epoll libraries are the bundle's native code: Felix extracts them into the bundle cache
     * once, and a restart that keeps the cache loads them from there, where netty wrote them to a temporary file at
     * every start.
     */
    @Test
    public void aRestartLoadsNettysLibrariesFromTheBundleCacheItKept() throws Exception {
        String arch = System.getProperty("os.arch");
        assumeTrue("netty-shaded ships its libraries for Linux x86-64 and aarch64 only",
                System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64")));
        Path dataDir = temp.getRoot().toPath().resolve("data");
        Path settings = Files.writeString(temp.getRoot().toPath().resolve("plugins.json"),
                "{\"baseDir\":\"" + System.getProperty("pnode.itest.plugins", "target/plugins") + "\","
                        + "\"providers\":{\"helloworld\":{\"name\":\"helloworld-go\",\"version\":\"1.0.0\","
                        + "\"config\":{\"language\":\"en\"}}}}");

        startGreetAndStop(dataDir, settings, "first");
        List<Path> extracted = nettyLibrariesIn(dataDir.resolve("felix-cache"));
        assertEquals("BoringSSL's and epoll's library in the bundle cache: " + extracted, 2, extracted.size());
        List<BasicFileAttributes> written = attributesOf(extracted);

        startGreetAndStop(dataDir, settings, "again");
        assertEquals(extracted, nettyLibrariesIn(dataDir.resolve("felix-cache")));
        List<BasicFileAttributes> afterRestart = attributesOf(extracted);
        for (int i = 0; i < extracted.size(); i++) {
            assertEquals("the restart extracted " + extracted.get(i) + " again",
                    written.get(i).lastModifiedTime(), afterRestart.get(i).lastModifiedTime());
            assertEquals(written.get(i).fileKey(), afterRestart.get(i).fileKey());
        }
    }

    private static void startGreetAndStop(Path dataDir, Path settings, String name) throws Exception {
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--plugins", settings.toString(),
                "--nointeractive")) {
            node.awaitLine("pnode started in", 120);
            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(),
                    "plugin@helloworld_greeting", "[\"" + name + "\"]");
            assertTrue(greeting, greeting.contains("Hello " + name + "!"));
            assertEquals("exit code after SIGTERM\n" + node.output(), 0, node.terminate(30));
            assertFalse(node.output(), node.output().contains("netty's BoringSSL did not load"));
        }
    }

    private static List<Path> nettyLibrariesIn(Path felixCache) throws Exception {
        try (Stream<Path> files = Files.walk(felixCache)) {
            return files.filter(file -> file.getFileName().toString().startsWith("libio_grpc_netty_shaded_netty_"))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static List<BasicFileAttributes> attributesOf(List<Path> files) throws Exception {
        List<BasicFileAttributes> attributes = new ArrayList<>();
        for (Path file : files) {
            attributes.add(Files.readAttributes(file, BasicFileAttributes.class));
        }
        return attributes;
    }
}
