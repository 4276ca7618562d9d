package dev.pnode.launcher.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Appends to one file with a stable name ({@code pnode.log}) and rolls it to {@code pnode.log.1} ..
 * {@code pnode.log.N} when it grows past a limit. (JUL's FileHandler numbers the live file too, so
 * {@code pnode.log} would not be the current log.)
 */
public final class RotatingFileHandler extends StreamHandler {

    private final Path file;
    private final long limitBytes;
    private final int keep;
    private long written;

    public RotatingFileHandler(Path file, long limitBytes, int keep) throws IOException {
        this.file = file;
        this.limitBytes = limitBytes;
        this.keep = keep;
        open();
    }

    private void open() throws IOException {
        written = Files.exists(file) ? Files.size(file) : 0;
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        setOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                written += length;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        });
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        super.publish(record);
        flush(); // a node's log must survive a crash or kill -9
        if (written >= limitBytes) {
            rotate();
        }
    }

    private void rotate() {
        try {
            close();
            for (int i = keep - 1; i >= 1; i--) {
                Path older = file.resolveSibling(file.getFileName() + "." + i);
                if (Files.exists(older)) {
                    Files.move(older, file.resolveSibling(file.getFileName() + "." + (i + 1)),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            open();
        } catch (IOException e) {
            reportError("cannot rotate " + file, e, ErrorManager.WRITE_FAILURE);
        }
    }
}
