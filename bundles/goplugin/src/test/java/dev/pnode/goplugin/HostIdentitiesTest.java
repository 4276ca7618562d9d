package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.Test;

public class HostIdentitiesTest {

    @Test
    public void everyStartGetsItsOwnIdentityWhetherPreparedOrNot() {
        EphemeralCertificate first = HostIdentities.take();
        HostIdentities.prepare();
        EphemeralCertificate second = HostIdentities.take();
        EphemeralCertificate third = HostIdentities.take();
        assertNotEquals(first.certificate(), second.certificate());
        assertNotEquals(second.certificate(), third.certificate());
        assertNotEquals(first.privateKey(), third.privateKey());
    }

    @Test
    public void theWarmUpCallSucceedsAndLeavesNoSocketDirectoryOrThreadBehind() throws Exception {
        List<Path> before = socketDirectories();
        EphemeralCertificate identity = EphemeralCertificate.generate();

        List<String> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(TlsWarmUp.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(capture);
        try {
            TlsWarmUp.run(identity);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }

        assertTrue("the warm-up made its call: " + logged,
                logged.stream().anyMatch(message -> message.startsWith("AutoMTLS warmed up in ")));
        assertEquals(before, socketDirectories());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (warmUpThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue("the warm-up's event loop thread ended", !warmUpThreadAlive());
    }

    private static boolean warmUpThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("pnode-plugin-warm-up-grpc") && thread.isAlive());
    }

    private static List<Path> socketDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith(SocketDirectory.PREFIX))
                    .sorted().toList();
        }
    }
}
