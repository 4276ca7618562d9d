package dev.pnode.logging.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LogFileTailTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void printsTheLastLinesOnly() throws Exception {
        Path log = Files.writeString(temp.getRoot().toPath().resolve("pnode.log"), "one\ntwo\nthree\nfour\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long end = new LogFileTail(log).printLast(2, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals("three\nfour\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(Files.size(log), end);
    }

    @Test
    public void printsTheWholeFileWhenItIsShorterThanAsked() throws Exception {
        Path log = Files.writeString(temp.getRoot().toPath().resolve("pnode.log"), "one\ntwo");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new LogFileTail(log).printLast(50, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals("one\ntwo", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void linesLongerThanOneReadChunkAreCountedRight() throws Exception {
        String longLine = "x".repeat(200_000);
        Path log = Files.writeString(temp.getRoot().toPath().resolve("pnode.log"), "a\n" + longLine + "\nb\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new LogFileTail(log).printLast(2, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(longLine + "\nb\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void followsAppendedLinesAcrossARotationUntilInterrupted() throws Exception {
        Path log = Files.writeString(temp.getRoot().toPath().resolve("pnode.log"), "old\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        LogFileTail tail = new LogFileTail(log);
        long end = tail.printLast(0, printer);
        Thread follower = new Thread(() -> {
            try {
                tail.follow(end, printer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        follower.start();

        Files.writeString(log, "appended\nhalf", StandardOpenOption.APPEND);
        awaitOutput(out, "appended\n");
        Files.move(log, log.resolveSibling("pnode.log.1"));
        Files.writeString(log, "after rotation\n");
        awaitOutput(out, "appended\nafter rotation\n");
        follower.interrupt();
        follower.join(TimeUnit.SECONDS.toMillis(10));

        assertTrue("the follower ends when interrupted", !follower.isAlive());
        assertEquals("a line never finished is not printed", "appended\nafter rotation\n",
                out.toString(StandardCharsets.UTF_8));
    }

    private static void awaitOutput(ByteArrayOutputStream out, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (out.toString(StandardCharsets.UTF_8).equals(expected)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("expected '" + expected + "', got '" + out.toString(StandardCharsets.UTF_8) + "'");
    }
}
