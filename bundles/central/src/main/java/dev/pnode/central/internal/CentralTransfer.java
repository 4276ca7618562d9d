package dev.pnode.central.internal;

import dev.pnode.api.DownloadProgress;
import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches files from a central ({@code http:}, {@code https:} or {@code file:}) with the configured timeouts,
 * size limit and retries. Transient failures (I/O errors, timeouts, HTTP 5xx and 429, a body shorter than its
 * Content-Length) are retried with exponential backoff; a missing file, other HTTP 4xx, TLS failures and an
 * oversized file are not, because asking again cannot change the answer.
 *
 * <p>A download reads 1 MiB chunks on the calling thread while a {@link HashingFileWriter} hashes and writes
 * the previous ones on another, so the download runs at about the speed of the connection. An interrupt ends
 * a download at the next read (a stalled read ends by the read timeout).
 */
public final class CentralTransfer {

    /** Largest signature or public key accepted: both are a few kilobytes. */
    public static final long SMALL_FILE_LIMIT = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(CentralTransfer.class.getName());
    /** Reads at most this much at once, so that progress is reported every few tens of kilobytes. */
    private static final int READ_BYTES = 64 * 1024;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final CentralConfig config;
    private final HttpGet http;

    public CentralTransfer(CentralConfig config) {
        this.config = config;
        this.http = new HttpGet(config);
    }

    /** Size and SHA-256 (lowercase hex) of a downloaded file. */
    public record Downloaded(long size, String sha256Hex) {
    }

    /** Downloads {@code url} into {@code target} (replacing its content), computing the SHA-256 on the way. */
    public Downloaded download(URI url, Path target, DownloadProgress listener) throws CentralException {
        return withRetries(url, () -> {
            HashingFileWriter writer;
            try {
                writer = new HashingFileWriter(target);
            } catch (IOException e) {
                throw AttemptFailure.permanent(Failure.LOCAL_IO, "cannot write " + target + ": " + e, e);
            }
            try (writer) {
                long size = copyOnce(url, writer, config.maxSizeBytes(), listener);
                return new Downloaded(size, writer.finish());
            } catch (IOException e) {
                throw AttemptFailure.permanent(Failure.LOCAL_IO, e.getMessage(), e);
            }
        });
    }

    /** Fetches a small file (signature, public key) into memory. */
    public byte[] fetch(URI url) throws CentralException {
        return withRetries(url, () -> {
            InMemory memory = new InMemory();
            copyOnce(url, memory, SMALL_FILE_LIMIT, null);
            return memory.bytes.toByteArray();
        });
    }

    /** Collects a small file. */
    private static final class InMemory implements ChunkSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[64 * 1024];

        @Override
        public byte[] emptyBuffer() {
            return buffer;
        }

        @Override
        public void accept(byte[] chunk, int length) {
            bytes.write(chunk, 0, length);
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws AttemptFailure;
    }

    private <T> T withRetries(URI url, Attempt<T> attempt) throws CentralException {
        for (int attemptNumber = 1; ; attemptNumber++) {
            try {
                return attempt.run();
            } catch (AttemptFailure failure) {
                int attempts = config.retries() + 1;
                if (!failure.retryable || attemptNumber >= attempts) {
                    throw attemptNumber > 1 ? failure.afterAttempts(attemptNumber) : failure.exception;
                }
                Duration backoff = backoff(attemptNumber);
                LOG.log(Level.WARNING, "{0} (attempt {1} of {2}); retrying in {3} ms",
                        failure.exception.getMessage(), attemptNumber, attempts, backoff.toMillis());
                sleep(backoff, url);
            }
        }
    }

    static Duration backoff(int failedAttempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static void sleep(Duration backoff, URI url) throws CentralException {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentralException(Failure.TRANSFER, "interrupted while waiting to retry " + url, e);
        }
    }

    /**
     * One attempt: copies the whole of {@code url} into {@code sink}, returning the byte count.
     *
     * @param listener {@code null} for small files: no progress, in the log or elsewhere
     */
    private long copyOnce(URI url, ChunkSink sink, long limit, DownloadProgress listener) throws AttemptFailure {
        ResponseBody body = "file".equalsIgnoreCase(url.getScheme()) ? openFile(url, limit) : http.open(url, limit);
        ProgressLog progress = listener == null ? null : new ProgressLog(url, body.length(), listener);
        long received = 0;
        boolean complete = false;
        InputStream in = body.stream();
        try {
            for (boolean more = true; more; ) {
                byte[] buffer = emptyBuffer(sink, url);
                int filled = 0;
                while (filled < buffer.length) {
                    int n = readFrom(in, buffer, filled, url, received, body.length());
                    if (n == -1) {
                        more = false;
                        break;
                    }
                    filled += n;
                    received += n;
                    if (received > limit) {
                        throw AttemptFailure.permanent(Failure.TOO_LARGE,
                                url + " is larger than the limit of " + limit + " bytes");
                    }
                    if (progress != null) {
                        progress.advanced(received);
                    }
                }
                handOver(sink, buffer, filled, url);
            }
            complete = true;
        } finally {
            if (!complete) {
                body.abandon().run();
            }
            closeQuietly(in, url);
        }
        if (body.length() >= 0 && received < body.length()) {
            // HttpURLConnection reports a connection closed before Content-Length as a normal end
            throw AttemptFailure.retryable(Failure.INCOMPLETE, "the transfer of " + url + " broke after "
                    + describe(received, body.length()) + " (the body ended before its announced length)", null);
        }
        if (body.length() >= 0 && received > body.length()) {
            throw AttemptFailure.retryable(Failure.INCOMPLETE,
                    "received " + received + " of " + body.length() + " bytes from " + url, null);
        }
        if (progress != null) {
            progress.finished(received);
        }
        return received;
    }

    private static int readFrom(InputStream in, byte[] buffer, int offset, URI url, long received, long length)
            throws AttemptFailure {
        if (Thread.currentThread().isInterrupted()) {
            throw AttemptFailure.permanent(Failure.TRANSFER, "interrupted while downloading " + url + " after "
                    + describe(received, length));
        }
        try {
            return in.read(buffer, offset, Math.min(READ_BYTES, buffer.length - offset));
        } catch (SocketTimeoutException e) {
            throw AttemptFailure.retryable(Failure.TIMEOUT, "reading " + url + " timed out after "
                    + describe(received, length) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw AttemptFailure.retryable(Failure.INCOMPLETE, "the connection for " + url + " broke after "
                    + describe(received, length) + " (" + HttpGet.causes(e) + ")", e);
        }
    }

    private static String describe(long received, long length) {
        return received + (length >= 0 ? " of " + length : "") + " bytes";
    }

    private static byte[] emptyBuffer(ChunkSink sink, URI url) throws AttemptFailure {
        try {
            return sink.emptyBuffer();
        } catch (IOException e) {
            throw AttemptFailure.permanent(Failure.LOCAL_IO, e.getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(url, e);
        }
    }

    private static void handOver(ChunkSink sink, byte[] buffer, int length, URI url) throws AttemptFailure {
        if (length == 0) {
            return;
        }
        try {
            sink.accept(buffer, length);
        } catch (IOException e) {
            throw AttemptFailure.permanent(Failure.LOCAL_IO, e.getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(url, e);
        }
    }

    private static AttemptFailure interrupted(URI url, InterruptedException e) {
        Thread.currentThread().interrupt();
        return AttemptFailure.permanent(Failure.TRANSFER, "interrupted while downloading " + url, e);
    }

    private static void closeQuietly(InputStream in, URI url) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the stream from " + url + " failed", e);
        }
    }

    private static ResponseBody openFile(URI url, long limit) throws AttemptFailure {
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException e) {
            throw AttemptFailure.permanent(Failure.CONFIGURATION, "not a usable file: URL: " + url + " (" + e.getMessage() + ")");
        }
        try {
            long length = Files.size(path);
            if (length > limit) {
                throw AttemptFailure.permanent(Failure.TOO_LARGE,
                        url + " has " + length + " bytes, more than the limit of " + limit + " bytes");
            }
            return new ResponseBody(Files.newInputStream(path), length, () -> { });
        } catch (NoSuchFileException e) {
            throw AttemptFailure.permanent(Failure.NOT_FOUND, "not found: " + url + " (no file " + path + ")");
        } catch (IOException e) {
            throw AttemptFailure.retryable(Failure.TRANSFER, "cannot read " + url + ": " + e, e);
        }
    }
}
