package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code bin/pnode}'s class data sharing archive: the first node records it as it stops, the next start puts it in
 * place and maps it, also when the user talked to the first node with {@code pnode rpc} meanwhile (each
 * {@code bin/pnode} run tidies the archive directory, and once took the running node's "booted" mark for a leftover).
 */
public class ClassDataSharingIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theSecondStartMapsTheArchiveTheFirstRecorded() throws Exception {
        Path archives = temp.newFolder("cds").toPath();
        Map<String, String> environment = Map.of("PNODE_CDS_DIR", archives.toString());
        String dataDir = temp.newFolder("data").toString();

        try (NodeProcess first = NodeProcess.start(environment, null, "--datadir", dataDir, "--nointeractive")) {
            first.awaitLine("pnode started in", 120);
            try (NodeProcess rpc = NodeProcess.start(environment, null, "rpc", "--datadir", dataDir,
                    "plugin@helloworld_greeting", "[\"cds\"]")) {
                assertEquals(rpc.output(), 0, rpc.awaitExit(60));
                assertTrue(rpc.output(), rpc.output().contains("Hello cds!"));
            }
            assertEquals(first.output(), 0, first.terminate(60));
        }

        try (NodeProcess second = NodeProcess.start(environment, null, "--datadir", dataDir, "--nointeractive")) {
            second.awaitLine("pnode started in", 120);
            List<String> names = names(archives);
            assertEquals("the first node's recording is the archive now: " + names, 1, names.size());
            assertTrue(names.toString(), names.get(0).matches("node-\\d+\\.jsa"));
            assertTrue("the second node maps it: " + commandLine(second),
                    commandLine(second).contains("-XX:SharedArchiveFile=" + archives.resolve(names.get(0))));
            try (NodeProcess rpc = NodeProcess.start(environment, null, "rpc", "--datadir", dataDir,
                    "plugin@helloworld_greeting", "[\"again\"]")) {
                assertEquals(rpc.output(), 0, rpc.awaitExit(60));
                assertTrue(rpc.output(), rpc.output().contains("Hello again!"));
            }
            assertTrue("the Java plugin maps the archive its first start trained (the SDK's class-data-sharing.sh)",
                    pluginMapsItsArchive(second));
            assertEquals(second.output(), 0, second.terminate(60));
        }
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean pluginMapsItsArchive(NodeProcess node) throws Exception {
        for (ProcessHandle plugin : node.handle().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("helloworld.jar")).toList()) {
            if (Files.readString(Path.of("/proc", String.valueOf(plugin.pid()), "maps")).contains("/class-data-")) {
                return true;
            }
        }
        return false;
    }

    private static String commandLine(NodeProcess node) {
        return node.handle().info().commandLine().orElse("");
    }
}
