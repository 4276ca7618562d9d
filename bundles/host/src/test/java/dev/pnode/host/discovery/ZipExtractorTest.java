package dev.pnode.host.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ZipExtractorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** Where the last extraction went. */
    private Path target;
    private WorkDirectories work;
    private ZipExtractor extractor = new ZipExtractor(ExtractionLimits.DEFAULT);

    @Before
    public void createWork() {
        work = new WorkDirectories(temp.getRoot().toPath().resolve("work"));
    }

    private Path zip(TestZip zip) throws IOException {
        return zip.writeTo(temp.getRoot().toPath().resolve("helloworld-1.0.0.zip"));
    }

    private ExtractedPlugin extract(TestZip zip) throws Exception {
        return unpack(zip(zip));
    }

    private ExtractedPlugin unpack(Path zip) throws Exception {
        ExtractedPlugin plugin = extractor.unpack(zip, "helloworld", "1.0.0", work);
        target = plugin.directory();
        return plugin;
    }

    private String refusal(TestZip zip) throws IOException {
        return refusal(zip(zip));
    }

    private String refusal(Path file) {
        return assertThrows(DiscoveryException.class, () -> extractor.unpack(file, "helloworld", "1.0.0", work))
                .getMessage();
    }

    private static TestZip hello() {
        return TestZip.plugin("helloworld", "1.0.0", "helloworld");
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue("expected '" + part + "' in: " + message, message.contains(part));
        }
    }

    private void assertNothingWritten() throws IOException {
        if (!Files.exists(work.root())) {
            return;
        }
        try (Stream<Path> files = Files.walk(work.root())) {
            assertEquals("nothing may be extracted from a refused zip", List.of(),
                    files.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    public void extractsAGoodPlugin() throws Exception {
        ExtractedPlugin plugin = extract(hello().directory("lib").file("lib/p.jar", "jar").file("README", "hi"));
        assertEquals("helloworld", plugin.meta().name());
        assertEquals("1.0.0", plugin.meta().version());
        assertEquals(List.of("-Xmx64m", "-jar", "p.jar"), plugin.meta().parameters());
        assertEquals(target.resolve("helloworld"), plugin.entrypoint());
        assertEquals("jar", Files.readString(target.resolve("lib/p.jar")));
        assertEquals("hi", Files.readString(target.resolve("README")));
    }

    @Test
    public void entrypointIsMadeExecutableEvenWhenTheZipLostTheModeBits() throws Exception {
        ExtractedPlugin plugin = extract(hello());
        assertTrue(Files.isExecutable(plugin.entrypoint()));
    }

    @Test
    public void executableBitsFromTheZipAreKept() throws Exception {
        extract(hello().file("bin/tool", "x", 0100755).file("data.txt", "x", 0100644));
        assertTrue(Files.isExecutable(target.resolve("bin/tool")));
        assertFalse(Files.isExecutable(target.resolve("data.txt")));
    }

    @Test
    public void everythingExtractedIsPrivate() throws Exception {
        extract(hello().file("lib/deep/x.txt", "x", 0100666).file("y.txt", "y", 0100777));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("lib/deep/x.txt"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("y.txt"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("lib"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("lib/deep"))));
    }

    @Test
    public void parametersMayBeMissing() throws Exception {
        ExtractedPlugin plugin = extract(new TestZip()
                .file("plugin-meta.json", "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"run\"}")
                .file("run", "x"));
        assertEquals(List.of(), plugin.meta().parameters());
    }

    @Test
    public void zipSlipIsRefused() throws Exception {
        assertMentions(refusal(hello().file("../evil", "x")), "helloworld-1.0.0.zip", "entry '../evil'", "'..'");
        assertFalse(Files.exists(work.root().resolve("evil")));
        assertFalse(Files.exists(work.root().resolve("helloworld/evil")));
        assertNothingWritten();
    }

    @Test
    public void zipSlipInTheMiddleOfAPathIsRefused() throws Exception {
        assertMentions(refusal(hello().file("lib/../../evil", "x")), "entry 'lib/../../evil'", "'..'");
        assertNothingWritten();
    }

    @Test
    public void dotDotDirectoryIsRefused() throws Exception {
        assertMentions(refusal(hello().directory("..")), "'..'");
    }

    @Test
    public void absolutePathsAreRefused() throws Exception {
        assertMentions(refusal(hello().file("/etc/cron.d/evil", "x")), "entry '/etc/cron.d/evil'", "absolute path");
        assertMentions(refusal(hello().file("C:/evil", "x")), "entry 'C:/evil'", "absolute path");
        assertNothingWritten();
    }

    @Test
    public void backslashesAreRefused() throws Exception {
        assertMentions(refusal(hello().file("lib/..\\evil", "x")), "backslash");
        assertMentions(refusal(hello().file("..\\evil", "x")), "'..'");
    }

    @Test
    public void dotAndEmptySegmentsAreRefused() throws Exception {
        assertMentions(refusal(hello().file("./x", "x")), "entry './x'", "'.' path segment");
        assertMentions(refusal(hello().file("a//x", "x")), "entry 'a//x'", "empty");
    }

    @Test
    public void symlinksAreRefused() throws Exception {
        assertMentions(refusal(hello().symlink("lib", "/etc")), "entry 'lib'", "symbolic link");
        assertNothingWritten();
    }

    @Test
    public void specialFilesAreRefused() throws Exception {
        assertMentions(refusal(hello().file("fifo", "", 010644)), "entry 'fifo'", "special file");
        assertMentions(refusal(hello().file("dev", "", 020644)), "entry 'dev'", "special file");
    }

    @Test
    public void duplicateEntriesAreRefused() throws Exception {
        assertMentions(refusal(hello().file("a.txt", "1").file("a.txt", "2")), "entry 'a.txt'", "more than once");
        assertNothingWritten();
    }

    @Test
    public void duplicateMetaIsRefused() throws Exception {
        assertMentions(refusal(hello().file("plugin-meta.json", "{}")), "plugin-meta.json", "more than once");
    }

    @Test
    public void fileAndDirectoryOfTheSameNameAreRefused() throws Exception {
        assertMentions(refusal(hello().file("lib", "x").directory("lib")), "entry 'lib/'", "more than once");
    }

    @Test
    public void fileThatIsAlsoAParentIsRefused() throws Exception {
        assertMentions(refusal(hello().file("lib", "x").file("lib/a", "y")), "entry 'lib/a'", "cannot be extracted");
    }

    @Test
    public void tooManyEntriesAreRefused() throws Exception {
        extractor = new ZipExtractor(new ExtractionLimits(5, 1 << 20, 200, 1024));
        TestZip zip = hello();
        for (int i = 0; i < 4; i++) {
            zip.file("f" + i, "x");
        }
        assertMentions(refusal(zip), "more than 5 entries");
        assertNothingWritten();
    }

    @Test
    public void tooManyBytesAreRefusedWhileCounting() throws Exception {
        extractor = new ZipExtractor(new ExtractionLimits(100, 4096, 100_000, 1024));
        assertMentions(refusal(hello().zeros("a.bin", 3000).zeros("b.bin", 3000)), "entry 'b.bin'",
                "past 4096 uncompressed bytes");
    }

    @Test
    public void aZipLargerThanTheLimitIsNotEvenOpened() throws Exception {
        extractor = new ZipExtractor(new ExtractionLimits(100, 200, 200, 1024));
        assertMentions(refusal(hello().file("padding.txt", "x".repeat(300))), "helloworld-1.0.0.zip: is ",
                "more than the limit of 200");
    }

    @Test
    public void compressionBombsAreRefused() throws Exception {
        assertMentions(refusal(hello().zeros("bomb.bin", 8 * 1024 * 1024)), "entry 'bomb.bin'",
                "expands more than 200 times");
    }

    @Test
    public void metaIsRequired() throws Exception {
        assertMentions(refusal(new TestZip().file("helloworld", "x")), "helloworld-1.0.0.zip", "no plugin-meta.json");
    }

    @Test
    public void metaMustBeAtTheRoot() throws Exception {
        assertMentions(refusal(new TestZip().file("sub/plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"helloworld\"}")
                .file("helloworld", "x")), "no plugin-meta.json at its root");
    }

    @Test
    public void metaMustBeAFile() throws Exception {
        assertMentions(refusal(new TestZip().directory("plugin-meta.json")), "no plugin-meta.json");
    }

    @Test
    public void metaMustBeJson() throws Exception {
        assertMentions(refusal(new TestZip().file("plugin-meta.json", "name=helloworld")),
                "helloworld-1.0.0.zip!plugin-meta.json", "invalid JSON");
    }

    @Test
    public void metaMustBeAnObject() throws Exception {
        assertMentions(refusal(new TestZip().file("plugin-meta.json", "[]")), "plugin-meta.json", "JSON object");
    }

    @Test
    public void metaThatIsHugeIsRefused() throws Exception {
        assertMentions(refusal(new TestZip().file("plugin-meta.json", "{\"x\":\"" + "y".repeat(100_000) + "\"}")),
                "plugin-meta.json", "larger than");
    }

    @Test
    public void metaNamingAnotherPluginIsRefused() throws Exception {
        assertMentions(refusal(TestZip.plugin("evil", "1.0.0", "helloworld")), "plugin-meta.json", "name is 'evil'",
                "settings ask for 'helloworld'");
        assertNothingWritten();
    }

    @Test
    public void metaNamingAnotherVersionIsRefused() throws Exception {
        assertMentions(refusal(TestZip.plugin("helloworld", "2.0.0", "helloworld")), "version is '2.0.0'",
                "settings ask for '1.0.0'");
    }

    @Test
    public void metaFieldsAreRequired() throws Exception {
        assertMentions(refusal(new TestZip().file("plugin-meta.json", "{\"version\":\"1.0.0\",\"entrypoint\":\"x\"}")),
                "name is required");
        assertMentions(refusal(new TestZip().file("plugin-meta.json", "{\"name\":\"helloworld\",\"entrypoint\":\"x\"}")),
                "version is required");
        assertMentions(refusal(new TestZip().file("plugin-meta.json", "{\"name\":\"helloworld\",\"version\":\"1.0.0\"}")),
                "entrypoint is required");
        assertMentions(refusal(new TestZip().file("plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":42}")), "entrypoint must be a non-empty string");
    }

    @Test
    public void entrypointWithAPathIsRefused() throws Exception {
        assertMentions(refusal(TestZip.plugin("helloworld", "1.0.0", "bin/helloworld")),
                "entrypoint must be a plain file name", "bin/helloworld");
        assertMentions(refusal(new TestZip().file("plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"/bin/sh\"}")), "plain file name");
        assertMentions(refusal(new TestZip().file("plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"..\"}")), "plain file name");
    }

    @Test
    public void entrypointMustBeInTheZip() throws Exception {
        assertMentions(refusal(new TestZip().file("plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"missing\"}")),
                "entrypoint 'missing' is not a file at the zip root");
    }

    @Test
    public void entrypointMustNotBeADirectory() throws Exception {
        assertMentions(refusal(new TestZip().file("plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"bin\"}").directory("bin")),
                "entrypoint 'bin' is not a file");
    }

    @Test
    public void parametersMustBeStrings() throws Exception {
        assertMentions(refusal(new TestZip().file("plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"x\",\"parameters\":[\"a\",1]}")),
                "parameters[1] must be a string");
        assertMentions(refusal(new TestZip().file("plugin-meta.json",
                "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"entrypoint\":\"x\",\"parameters\":\"-v\"}")),
                "parameters must be a list of strings");
    }

    @Test
    public void somethingThatIsNotAZipIsRefused() throws Exception {
        Path file = temp.getRoot().toPath().resolve("helloworld-1.0.0.zip");
        Files.writeString(file, "this is not a zip");
        assertMentions(refusal(file), "helloworld-1.0.0.zip", "cannot be read as a zip");
    }

    @Test
    public void anEmptyFileIsRefused() throws Exception {
        Path file = temp.getRoot().toPath().resolve("helloworld-1.0.0.zip");
        Files.write(file, new byte[0]);
        assertMentions(refusal(file), "helloworld-1.0.0.zip");
    }

    @Test
    public void anEmptyZipHasNoMeta() throws Exception {
        assertMentions(refusal(new TestZip()), "no plugin-meta.json");
    }

    @Test
    public void theNextStartReusesTheDirectoryWithTheSameFilesAndTimes() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path first = unpack(zip).directory();
        FileTime written = Files.getLastModifiedTime(first.resolve("lib/p.jar"));
        work.release(first);
        ExtractedPlugin again = unpack(zip);
        assertEquals(first, again.directory());
        assertEquals(written, Files.getLastModifiedTime(first.resolve("lib/p.jar")));
        assertTrue(Files.isExecutable(again.entrypoint()));
        assertEquals(first.resolveSibling(first.getFileName() + ".cache"), again.cache());
        assertTrue(Files.isDirectory(again.cache()));
    }

    @Test
    public void theNextStartFindsTheDirectoryAsItsStampRecordedIt() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path first = unpack(zip).directory();
        Object inode = Files.getAttribute(first.resolve("lib/p.jar"), "unix:ino");
        assertTrue(ExtractionStamp.matches(first, work.stampOf(first)));
        work.release(first);
        unpack(zip);
        assertEquals("the same file, not extracted again", inode, Files.getAttribute(first.resolve("lib/p.jar"), "unix:ino"));
        assertTrue(ExtractionStamp.matches(first, work.stampOf(first)));
    }

    @Test
    public void aFileChangedWithItsSizeAndTimePutBackIsExtractedAgain() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path jar = unpack(zip).directory().resolve("lib/p.jar");
        FileTime time = Files.getLastModifiedTime(jar);
        Files.writeString(jar, "jaR");
        Files.setLastModifiedTime(jar, time);
        assertEquals("jar", Files.readString(unpack(zip).directory().resolve("lib/p.jar")));
    }

    @Test
    public void aDirectoryTheStampDoesNotKnowIsComparedAndKeptWhenItsBytesAreTheZips() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path first = unpack(zip).directory();
        Object inode = Files.getAttribute(first.resolve("lib/p.jar"), "unix:ino");
        Files.delete(work.stampOf(first));
        work.release(first);
        unpack(zip);
        assertEquals(inode, Files.getAttribute(first.resolve("lib/p.jar"), "unix:ino"));
        assertTrue(ExtractionStamp.matches(first, work.stampOf(first)));
    }

    /** An extractor that would refuse every zip it opens (none may have an entry): it tells whether a zip is opened. */
    private static ZipExtractor refusingEveryZip() {
        ExtractionLimits limits = ExtractionLimits.DEFAULT;
        return new ZipExtractor(new ExtractionLimits(0, limits.maxTotalBytes(), limits.maxCompressionRatio(),
                limits.ratioCheckFloor()));
    }

    @Test
    public void theNextStartOfAnUnchangedZipDoesNotOpenIt() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path first = unpack(zip).directory();
        work.release(first);
        extractor = refusingEveryZip();
        ExtractedPlugin again = unpack(zip);
        assertEquals(first, again.directory());
        assertEquals(first.resolve("helloworld"), again.entrypoint());
        assertEquals(new PluginMeta("helloworld", "1.0.0", "helloworld", List.of("-Xmx64m", "-jar", "p.jar")),
                again.meta());
        assertEquals(first.resolveSibling(first.getFileName() + ".cache"), again.cache());
    }

    /** What a test does to a zip or its extraction (the last one, {@link #target}) between two starts. */
    private interface Change {
        void to(Path zip) throws IOException;
    }

    private void assertOpenedAndCheckedAgainAfter(Change change) throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        work.release(unpack(zip).directory());
        change.to(zip);
        extractor = refusingEveryZip();
        assertMentions(refusal(zip), "more than 0 entries");
    }

    @Test
    public void aZipReplacedSinceItsExtractionIsOpenedAndCheckedAgain() throws Exception {
        assertOpenedAndCheckedAgainAfter(zip -> Files.move(
                Files.copy(zip, temp.getRoot().toPath().resolve("copy.zip")), zip,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING));
    }

    @Test
    public void aZipWrittenSinceItsExtractionIsOpenedAndCheckedAgain() throws Exception {
        assertOpenedAndCheckedAgainAfter(zip -> Files.write(zip, new byte[] {0},
                java.nio.file.StandardOpenOption.APPEND));
    }

    @Test
    public void aChangedExtractionOfAnUnchangedZipIsComparedWithTheZip() throws Exception {
        assertOpenedAndCheckedAgainAfter(zip -> Files.writeString(target.resolve("lib/p.jar"), "jaR"));
    }

    @Test
    public void aZipCopiedOverWithTheSameFilesKeepsItsExtractionAndIsNotOpenedAtTheStartAfter() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path first = unpack(zip).directory();
        Object inode = Files.getAttribute(first.resolve("lib/p.jar"), "unix:ino");
        work.release(first);
        Files.move(Files.copy(zip, temp.getRoot().toPath().resolve("copy.zip")), zip,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        work.release(unpack(zip).directory());
        assertEquals("compared, not extracted again", inode, Files.getAttribute(first.resolve("lib/p.jar"), "unix:ino"));
        extractor = refusingEveryZip();
        assertEquals(first, unpack(zip).directory());
    }

    @Test
    public void filesKeepTheirTimeFromTheZip() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        long zipTime;
        try (org.apache.commons.compress.archivers.zip.ZipFile file =
                org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            zipTime = file.getEntry("lib/p.jar").getTime();
        }
        assertEquals(zipTime, Files.getLastModifiedTime(unpack(zip).directory().resolve("lib/p.jar")).toMillis());
    }

    @Test
    public void aChangedZipGetsAnotherDirectory() throws Exception {
        Path first = extract(hello().file("lib/p.jar", "jar")).directory();
        Path second = extract(hello().file("lib/p.jar", "jar, changed")).directory();
        assertNotEquals(first, second);
        assertEquals(first.getParent(), second.getParent());
        assertEquals("jar, changed", Files.readString(second.resolve("lib/p.jar")));
    }

    @Test
    public void aChangedFileIsExtractedAgain() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path directory = unpack(zip).directory();
        Files.writeString(directory.resolve("lib/p.jar"), "jaR");
        assertEquals("jar", Files.readString(unpack(zip).directory().resolve("lib/p.jar")));
    }

    @Test
    public void aFileTooManyIsExtractedAgain() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path directory = unpack(zip).directory();
        Files.writeString(directory.resolve("lib/extra.jar"), "not from the zip");
        unpack(zip);
        assertFalse(Files.exists(directory.resolve("lib/extra.jar")));
        assertEquals("jar", Files.readString(directory.resolve("lib/p.jar")));
    }

    @Test
    public void aMissingFileOrALinkIsExtractedAgain() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar").file("data.txt", "data"));
        Path directory = unpack(zip).directory();
        Files.delete(directory.resolve("lib/p.jar"));
        Files.delete(directory.resolve("data.txt"));
        Files.createSymbolicLink(directory.resolve("data.txt"), temp.newFile("elsewhere").toPath());
        unpack(zip);
        assertEquals("jar", Files.readString(directory.resolve("lib/p.jar")));
        assertFalse(Files.isSymbolicLink(directory.resolve("data.txt")));
        assertEquals("data", Files.readString(directory.resolve("data.txt")));
    }

    @Test
    public void aDirectoryExtractedAgainIsSetAsideForWhoeverStillRunsFromIt() throws Exception {
        Path zip = zip(hello().file("lib/p.jar", "jar"));
        Path directory = unpack(zip).directory();
        Files.writeString(directory.resolve("written-by-the-plugin"), "x");
        unpack(zip);
        try (Stream<Path> siblings = Files.list(directory.getParent())) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith(".stale-")
                    && Files.exists(p.resolve("written-by-the-plugin"))));
        }
        assertEquals(1, work.removeStale());
    }
}
