package dev.pnode.central.internal;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The two-thread writer gives the same file and digest as writing and hashing in one go, and fails loudly. */
public class HashingFileWriterTest {

    private static final int MIB = HashingFileWriter.BUFFER_BYTES;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void emptyInputGivesAnEmptyFileAndTheDigestOfNothing() throws Exception {
        assertWritesAndHashes(0);
    }

    @Test
    public void oneByte() throws Exception {
        assertWritesAndHashes(1);
    }

    @Test
    public void justUnderOneBuffer() throws Exception {
        assertWritesAndHashes(MIB - 1);
    }

    @Test
    public void exactlyOneBuffer() throws Exception {
        assertWritesAndHashes(MIB);
    }

    @Test
    public void moreChunksThanBuffersWithARaggedEnd() throws Exception {
        assertWritesAndHashes(3 * MIB + 7);
    }

    @Test
    public void partlyFilledBuffersAreWrittenInOrder() throws Exception {
        byte[] data = randomBytes(5 * MIB + 3);
        Path target = temp.getRoot().toPath().resolve("ragged.bin");
        Random sizes = new Random(7);
        String digest;
        try (HashingFileWriter writer = new HashingFileWriter(target)) {
            for (int offset = 0; offset < data.length; ) {
                byte[] buffer = writer.emptyBuffer();
                int length = Math.min(1 + sizes.nextInt(buffer.length), data.length - offset);
                System.arraycopy(data, offset, buffer, 0, length);
                writer.accept(buffer, length);
                offset += length;
            }
            digest = writer.finish();
        }
        assertEquals(oneShotSha256(data), digest);
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    public void replacesWhatTheTargetHeldBefore() throws Exception {
        Path target = temp.getRoot().toPath().resolve("old.bin");
        Files.write(target, randomBytes(2 * MIB));

        assertEquals(Sha256.OF_NOTHING, writeAll(target, new byte[0]));
        assertEquals(0, Files.size(target));
    }

    @Test
    public void aWriteFailureReachesTheReaderAndNamesTheFile() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue("needs /dev/full (Linux)", Files.isWritable(full));
        try (HashingFileWriter writer = new HashingFileWriter(full)) {
            try {
                // more chunks than buffers: the reader must not wait forever for a buffer after the failure
                for (int i = 0; i < 20; i++) {
                    writer.accept(writer.emptyBuffer(), MIB);
                }
                writer.finish();
                fail("writing to /dev/full must fail");
            } catch (IOException e) {
                assertThat(e.getMessage(), containsString("cannot write /dev/full"));
                assertThat(e.getMessage(), containsString("No space left on device"));
            }
        }
        assertNoWriterThreadLeft();
    }

    @Test
    public void closingWithoutFinishingEndsTheThreadAndReleasesTheFile() throws Exception {
        Path target = temp.getRoot().toPath().resolve("abandoned.bin");
        try (HashingFileWriter writer = new HashingFileWriter(target)) {
            writer.accept(writer.emptyBuffer(), MIB);
        }
        assertNoWriterThreadLeft();
        Files.delete(target);
    }

    @Test
    public void anUnwritableTargetFailsAtOnce() throws Exception {
        Path missingDirectory = temp.getRoot().toPath().resolve("no-such-dir").resolve("file.bin");
        try {
            new HashingFileWriter(missingDirectory).close();
            fail("a file in a missing directory cannot be created");
        } catch (IOException e) {
            assertThat(e.toString(), containsString("no-such-dir"));
        }
        assertNoWriterThreadLeft();
    }

    @Test
    public void acceptingAfterFinishIsAProgrammingError() throws Exception {
        try (HashingFileWriter writer = new HashingFileWriter(temp.getRoot().toPath().resolve("done.bin"))) {
            byte[] buffer = writer.emptyBuffer();
            writer.finish();
            try {
                writer.accept(buffer, 1);
                fail("accept after finish must be refused");
            } catch (IllegalStateException expected) {
                assertThat(expected.getMessage(), containsString("has finished"));
            }
        }
    }

    private void assertWritesAndHashes(int size) throws Exception {
        byte[] data = randomBytes(size);
        Path target = temp.getRoot().toPath().resolve("out-" + size + ".bin");

        String digest = writeAll(target, data);

        assertEquals(oneShotSha256(data), digest);
        assertArrayEquals(data, Files.readAllBytes(target));
        assertNoWriterThreadLeft();
    }

    /** Fills whole buffers, as a transfer does. */
    private static String writeAll(Path target, byte[] data) throws Exception {
        try (HashingFileWriter writer = new HashingFileWriter(target)) {
            for (int offset = 0; offset < data.length; ) {
                byte[] buffer = writer.emptyBuffer();
                int length = Math.min(buffer.length, data.length - offset);
                System.arraycopy(data, offset, buffer, 0, length);
                writer.accept(buffer, length);
                offset += length;
            }
            return writer.finish();
        }
    }

    private static String oneShotSha256(byte[] data) {
        return Sha256.hex(Sha256.newDigest().digest(data));
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static void assertNoWriterThreadLeft() {
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("pnode-central-writer")));
    }
}
