package dev.pnode.sdk;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Writes a class data sharing archive of the classes this plugin has loaded, when its launch script asks for one
 * (system property {@value #PROPERTY} naming the archive, JVM started with {@code -XX:+RecordDynamicDumpInfo}): a few
 * seconds after the first call was answered, so the classes of the TLS handshake and the call path are in it. Later
 * starts map it with {@code -XX:SharedArchiveFile} and reach their handshake in about half the time.
 *
 * <p>Written while the plugin runs (JDK 17's {@code VM.cds dynamic_dump}, a pause of about a second once), not at
 * exit with {@code -XX:ArchiveClassesAtExit}: on a loaded machine writing at exit took longer than a host's stop
 * grace (go-plugin's and pnode's: 2 s after Shutdown, 2 s after SIGTERM), the plugin was killed and no archive was
 * ever made. Written to a temporary file and renamed, so a kill never leaves half an archive. A failure is logged
 * and changes nothing else.
 */
final class ClassDataArchive implements ServerInterceptor {

    /** The archive to write, set by the launch script when it has none yet. */
    static final String PROPERTY = "pnode.plugin.cdsArchive";
    /** After the first answered call, how long the host's next calls (Init, the first real calls) may take. */
    private static final long DELAY_MILLIS = 3_000;
    private static final System.Logger LOG = System.getLogger(ClassDataArchive.class.getName());

    private final Path archive;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private ClassDataArchive(Path archive) {
        this.archive = archive;
    }

    /**
     * The archive the launch script asked for, if it asked and writing it is safe: JDK 17 ends the whole JVM when a
     * dump finds a directory on the class path, so only a class path of files qualifies; and only one attempt is
     * made per archive (a marker file beside it), so that a JVM killed by a dump is not restarted into the same
     * dump again and again.
     */
    static Optional<ClassDataArchive> requested() {
        String path = System.getProperty(PROPERTY, "");
        if (path.isBlank()) {
            return Optional.empty();
        }
        Path archive = Path.of(path);
        Path attempt = archive.resolveSibling(archive.getFileName() + ".attempted");
        List<String> directories = Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty() && Files.isDirectory(Path.of(entry))).toList();
        if (!directories.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "not writing the class data sharing archive " + archive
                    + ": the class path holds directories " + directories + " (a JDK 17 dump would end the JVM)");
            return Optional.empty();
        }
        try {
            Files.createFile(attempt);
        } catch (FileAlreadyExistsException e) {
            LOG.log(System.Logger.Level.WARNING, "not writing the class data sharing archive " + archive + ": an"
                    + " earlier start tried (" + attempt + "); delete that file to try again");
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "not writing the class data sharing archive " + archive + ": " + e);
            return Optional.empty();
        }
        return Optional.of(new ClassDataArchive(archive));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onComplete() {
                super.onComplete();
                if (scheduled.compareAndSet(false, true)) {
                    Thread writer = new Thread(ClassDataArchive.this::writeLater, "pnode-plugin-cds");
                    writer.setDaemon(true);
                    writer.start();
                }
            }
        };
    }

    private void writeLater() {
        try {
            Thread.sleep(DELAY_MILLIS);
            write();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void write() {
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial-" + ProcessHandle.current().pid());
        long started = System.nanoTime();
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] {new String[] {"dynamic_dump", partial.toString()}},
                    new String[] {String[].class.getName()});
            if (!Files.isRegularFile(partial)) {
                throw new IOException("the JVM wrote no archive (was it started with -XX:+RecordDynamicDumpInfo?)");
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(System.Logger.Level.INFO, "wrote the class data sharing archive " + archive + " ("
                    + Files.size(archive) / (1024 * 1024) + " MB) in " + (System.nanoTime() - started) / 1_000_000
                    + " ms; the next start maps it");
        } catch (JMException | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the class data sharing archive " + archive + ": "
                    + e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not delete " + partial + ": " + e);
            }
        }
    }
}
