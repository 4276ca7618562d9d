package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The launch script's archive decisions ({@code src/main/sh/class-data-sharing.sh}), run by a real {@code sh} against
 * a fake JDK whose {@code java} records each invocation: a training run ({@code -XX:ArchiveClassesAtExit}) writes a
 * file starting with the archive's magic number, a check ({@code -Xshare:on ... -version}) maps only such files, and
 * the plugin's run prints its arguments. The real JVM's side is {@code HelloWorldZipIT}.
 */
public class ClassDataSharingScriptTest {

    private static final Path SCRIPT = Path.of("src/main/sh/class-data-sharing.sh").toAbsolutePath();
    /** 0xf00baba8 in little-endian byte order, as od reads it on x86 and arm64. */
    private static final String MAGIC = "\\250\\253\\013\\360";
    private static final String FAKE_JAVA = String.join("\n",
            "#!/bin/sh",
            "echo \"$*\" >> \"$FAKE_LOG\"",
            "case \"$*\" in",
            "  *ArchiveClassesAtExit=*)",
            "    [ \"$FAKE_TRAINING\" = fail ] && { echo 'training broke' >&2; exit 1; }",
            "    [ -n \"$FAKE_TRAINING_SECONDS\" ] && sleep \"$FAKE_TRAINING_SECONDS\"",
            "    for a in \"$@\"; do case $a in -XX:ArchiveClassesAtExit=*) out=${a#*=} ;; esac; done",
            "    if [ \"$FAKE_TRAINING\" = unmappable ]; then printf '" + MAGIC + "unmappable' > \"$out\";",
            "    else printf '" + MAGIC + "archive of %s' \"$$\" > \"$out\"; fi",
            "    echo 'training stdout'; exit 0 ;;",
            "  *-Xshare:on*)",
            "    for a in \"$@\"; do case $a in -XX:SharedArchiveFile=*) f=${a#*=} ;; esac; done",
            "    grep -q unmappable \"$f\" && exit 1; exit 0 ;;",
            "esac",
            "echo \"RUN $*\"");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path jdk;
    private Path jar;
    private Path cache;
    private Path log;
    private final Map<String, String> environment = new HashMap<>();

    @Before
    public void fakeJdkAndPlugin() throws IOException {
        jdk = temp.newFolder("jdk").toPath();
        Files.createDirectories(jdk.resolve("bin"));
        Files.createDirectories(jdk.resolve("lib/server"));
        Files.writeString(jdk.resolve("lib/server/libjvm.so"), "jvm");
        Files.writeString(jdk.resolve("release"), "JAVA_RUNTIME_VERSION=\"17.0.15+6\"\n");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, FAKE_JAVA + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = temp.newFile("plugin.jar").toPath();
        cache = temp.newFolder("cache").toPath();
        log = temp.getRoot().toPath().resolve("java.log");
        environment.put("PNODE_PLUGIN_CACHE_DIR", cache.toString());
        environment.put("FAKE_LOG", log.toString());
    }

    @Test
    public void aFirstStartTrainsOnceThenRunsWithTheArchive() throws Exception {
        Result first = launch();

        Path archive = onlyArchive();
        assertTrue(first.stderr, first.stderr.contains("a training run writes " + archive));
        assertTrue(first.stderr, first.stderr.contains("class data sharing archive written in"));
        assertEquals("RUN -XX:SharedArchiveFile=" + archive + " -Xshare:auto -Dpnode.plugin.cds.archive=" + archive
                + " -Xmx64m -jar " + jar + " plugin-argument", first.stdout.strip());
        assertTrue("the training run's stdout went to stderr, not to the host: " + first.stderr,
                first.stderr.contains("training stdout"));
        assertEquals(List.of(), leftovers());
        assertEquals(3, invocations().size()); // training, mapping check, the run

        Result second = launch();

        assertTrue(second.stdout, second.stdout.startsWith("RUN -XX:SharedArchiveFile=" + archive + " "));
        assertEquals("no training", "", second.stderr);
        assertEquals(4, invocations().size());
    }

    @Test
    public void withoutACacheOrSwitchedOffThePluginRunsAsBeforeWithoutTraining() throws Exception {
        environment.remove("PNODE_PLUGIN_CACHE_DIR");
        assertEquals("RUN -Xmx64m -jar " + jar + " plugin-argument", launch().stdout.strip());

        environment.put("PNODE_PLUGIN_CACHE_DIR", cache.resolve("missing").toString());
        assertEquals("RUN -Xmx64m -jar " + jar + " plugin-argument", launch().stdout.strip());

        environment.put("PNODE_PLUGIN_CACHE_DIR", jar.toString());
        assertEquals("a file is no cache", "RUN -Xmx64m -jar " + jar + " plugin-argument", launch().stdout.strip());

        environment.put("PNODE_PLUGIN_CACHE_DIR", cache.toString());
        environment.put("PNODE_PLUGIN_CDS", "off");
        assertEquals("RUN -Xmx64m -jar " + jar + " plugin-argument", launch().stdout.strip());
        assertEquals(3 + 1, invocations().size());
        assertEquals(List.of(), archives());
    }

    @Test
    public void anArchiveOfAnotherJdkIsDeletedWithALineAndANewOneTrained() throws Exception {
        launch();
        Path old = onlyArchive();
        Files.writeString(jdk.resolve("release"), "JAVA_RUNTIME_VERSION=\"17.0.16+8\"\n"); // the JDK upgraded

        Result upgraded = launch();

        Path fresh = onlyArchive();
        assertFalse("a new key", fresh.equals(old));
        assertTrue(upgraded.stderr, upgraded.stderr.contains("deleted class data sharing archive " + old
                + ": made for another JDK, jar or JVM options"));
        assertTrue(upgraded.stdout, upgraded.stdout.startsWith("RUN -XX:SharedArchiveFile=" + fresh + " "));
    }

    @Test
    public void anotherJarOrOtherOptionsMakeTheirOwnArchive() throws Exception {
        launch();
        Path first = onlyArchive();
        Files.writeString(jar, "a rebuilt jar");
        launch();
        Path rebuilt = onlyArchive();
        assertFalse(rebuilt.equals(first));

        run(List.of("-Xmx32m", "-jar", jar.toString()));
        assertFalse(onlyArchive().equals(rebuilt));
    }

    @Test
    public void aDamagedArchiveIsDeletedAndTrainedAgain() throws Exception {
        launch();
        Path archive = onlyArchive();
        Files.writeString(archive, "\0\0\0\0 cut short");

        Result repaired = launch();

        assertTrue(repaired.stderr, repaired.stderr.contains("deleted damaged class data sharing archive " + archive));
        assertTrue(repaired.stderr, repaired.stderr.contains("a training run writes " + archive));
        assertTrue(Files.readString(archive, StandardCharsets.ISO_8859_1).contains("archive of"));
        assertTrue(repaired.stdout, repaired.stdout.startsWith("RUN -XX:SharedArchiveFile=" + archive + " "));
    }

    @Test
    public void aFailedTrainingRunStartsThePluginWithoutAnArchiveAndLeavesNothing() throws Exception {
        environment.put("FAKE_TRAINING", "fail");

        Result failed = launch();

        assertTrue(failed.stderr, failed.stderr.contains("training broke"));
        assertTrue(failed.stderr, failed.stderr.contains("the class data sharing training run failed"));
        assertEquals("RUN -Xmx64m -jar " + jar + " plugin-argument", failed.stdout.strip());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    public void anArchiveNoJvmCanMapIsNeverPutInPlace() throws Exception {
        environment.put("FAKE_TRAINING", "unmappable");

        Result unmappable = launch();

        assertTrue(unmappable.stderr, unmappable.stderr.contains("the class data sharing training run failed"));
        assertEquals("RUN -Xmx64m -jar " + jar + " plugin-argument", unmappable.stdout.strip());
        assertEquals(List.of(), cacheFiles());
        assertTrue("the check maps the archive with the plugin's class path: " + invocations(),
                invocations().get(1).contains("-Xshare:on")
                        && invocations().get(1).contains("-cp " + jar + " -version"));
    }

    @Test
    public void theOutputOfAKilledTrainingRunIsDeletedByTheNextStart() throws Exception {
        Path leftover = cache.resolve("class-data-123.jsa.999999999");
        Files.writeString(leftover, "half an archive");

        launch();

        assertFalse(Files.exists(leftover));
        onlyArchive();
    }

    @Test
    public void concurrentFirstStartsEachEndWithAWholeArchive() throws Exception {
        environment.put("FAKE_TRAINING_SECONDS", "1");
        List<Process> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(start(List.of("-Xmx64m", "-jar", jar.toString(), "plugin-argument")));
        }
        for (Process start : starts) {
            assertTrue(start.waitFor(60, TimeUnit.SECONDS));
            String stdout = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(stdout, stdout.startsWith("RUN -XX:SharedArchiveFile="));
        }
        Path archive = onlyArchive();
        assertTrue(Files.readString(archive, StandardCharsets.ISO_8859_1)
                .startsWith("\u00a8\u00ab\u000b\u00f0archive of"));
        assertEquals(List.of(), leftovers());
    }

    private Result launch() throws Exception {
        return run(List.of("-Xmx64m", "-jar", jar.toString(), "plugin-argument"));
    }

    private Result run(List<String> options) throws Exception {
        Process process = start(options);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Process start(List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", ". \"$0\"; exec_with_class_data_sharing \"$@\"",
                SCRIPT.toString(), jdk.resolve("bin/java").toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PNODE_PLUGIN_CACHE_DIR");
        builder.environment().remove("PNODE_PLUGIN_CDS");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private Path onlyArchive() throws IOException {
        List<Path> archives = archives();
        assertEquals("one archive: " + cacheFiles(), 1, archives.size());
        return archives.get(0);
    }

    private List<Path> archives() throws IOException {
        return cacheFiles().stream().filter(file -> file.toString().endsWith(".jsa")).toList();
    }

    private List<Path> leftovers() throws IOException {
        return cacheFiles().stream().filter(file -> !file.toString().endsWith(".jsa")).toList();
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    private List<String> invocations() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private record Result(String stdout, String stderr) {
    }
}
