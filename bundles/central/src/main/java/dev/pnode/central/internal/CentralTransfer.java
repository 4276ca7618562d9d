package dev.pnode.central.internal;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import dev.pnode.central.DownloadListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Fetches files from a central ({@code http:}, {@code https:} or {@code file:}) with the configured timeouts,
 * size limit and retries. Transient failures (I/O errors, timeouts, HTTP 5xx and 429, a body shorter than its
 * Content-Length) are retried with exponential backoff; a missing file, other HTTP 4xx, TLS failures and an
 * oversized file are not, because asking again cannot change the answer.
 */
public final class CentralTransfer {

    /** Largest signature or public key accepted: both are a few kilobytes. */
    public static final long SMALL_FILE_LIMIT = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(CentralTransfer.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final CentralConfig config;
    private HttpClient http;

    public CentralTransfer(CentralConfig config) {
        this.config = config;
    }

    /** Size and SHA-256 (lowercase hex) of a downloaded file. */
    public record Downloaded(long size, String sha256Hex) {
    }

    /** Downloads {@code url} into {@code target} (replacing its content), computing the SHA-256 on the way. */
    public Downloaded download(URI url, Path target, DownloadListener listener) throws CentralException {
        return withRetries(url, () -> {
            MessageDigest digest = Sha256.newDigest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                    digest)) {
                long size = copyOnce(url, out, config.maxSizeBytes(), listener);
                return new Downloaded(size, Sha256.hex(digest.digest()));
            } catch (IOException e) {
                throw AttemptFailure.permanent(Failure.LOCAL_IO, "cannot write " + target + ": " + e, e);
            }
        });
    }

    /** Fetches a small file (signature, public key) into memory. */
    public byte[] fetch(URI url) throws CentralException {
        return withRetries(url, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copyOnce(url, out, SMALL_FILE_LIMIT, null);
            return out.toByteArray();
        });
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
     * One attempt: copies the whole of {@code url} into {@code out}, returning the byte count.
     *
     * @param listener {@code null} for small files: no progress, in the log or elsewhere
     */
    private long copyOnce(URI url, OutputStream out, long limit, DownloadListener listener) throws AttemptFailure {
        Source source = "file".equalsIgnoreCase(url.getScheme()) ? openFile(url, limit) : openHttp(url, limit);
        DownloadProgress progress = listener == null ? null : new DownloadProgress(url, source.length, listener);
        byte[] buffer = new byte[64 * 1024];
        long received = 0;
        try (InputStream in = source.stream) {
            for (int n; (n = readFrom(in, buffer, url, received, source.length)) != -1; ) {
                received += n;
                if (received > limit) {
                    throw AttemptFailure.permanent(Failure.TOO_LARGE,
                            url + " is larger than the limit of " + limit + " bytes");
                }
                writeTo(out, buffer, n);
                if (progress != null) {
                    progress.advanced(received);
                }
            }
        } catch (IOException closeFailure) {
            LOG.log(Level.DEBUG, "closing the stream from " + url + " failed", closeFailure);
        }
        if (source.length >= 0 && received != source.length) {
            throw AttemptFailure.retryable(Failure.INCOMPLETE,
                    "received " + received + " of " + source.length + " bytes from " + url, null);
        }
        if (progress != null) {
            progress.finished(received);
        }
        return received;
    }

    private static int readFrom(InputStream in, byte[] buffer, URI url, long received, long length)
            throws AttemptFailure {
        try {
            return in.read(buffer);
        } catch (java.net.SocketTimeoutException e) {
            throw AttemptFailure.retryable(Failure.TIMEOUT, "reading " + url + " timed out after "
                    + describe(received, length) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw AttemptFailure.retryable(Failure.INCOMPLETE, "the connection for " + url + " broke after "
                    + describe(received, length) + " (" + causes(e) + ")", e);
        }
    }

    private static String describe(long received, long length) {
        return received + (length >= 0 ? " of " + length : "") + " bytes";
    }

    private static void writeTo(OutputStream out, byte[] buffer, int length) throws AttemptFailure {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw AttemptFailure.permanent(Failure.LOCAL_IO, "cannot write the download: " + e, e);
        }
    }

    private record Source(InputStream stream, long length) {
    }

    private static Source openFile(URI url, long limit) throws AttemptFailure {
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
            return new Source(Files.newInputStream(path), length);
        } catch (NoSuchFileException e) {
            throw AttemptFailure.permanent(Failure.NOT_FOUND, "not found: " + url + " (no file " + path + ")");
        } catch (IOException e) {
            throw AttemptFailure.retryable(Failure.TRANSFER, "cannot read " + url + ": " + e, e);
        }
    }

    private Source openHttp(URI url, long limit) throws AttemptFailure {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.readTimeout())
                .header("User-Agent", "pnode-central")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw AttemptFailure.retryable(Failure.TIMEOUT, "connecting to " + url + " timed out after "
                    + config.connectTimeout().toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw AttemptFailure.retryable(Failure.TIMEOUT, "no response from " + url + " within "
                    + config.readTimeout().toMillis() + " ms", e);
        } catch (SSLException e) {
            throw AttemptFailure.permanent(Failure.TLS, "TLS with " + url + " failed: " + causes(e) + tlsHint(e), e);
        } catch (ConnectException e) {
            throw AttemptFailure.retryable(Failure.TRANSFER, "cannot connect to " + url.getHost() + " port "
                    + port(url) + " for " + url + " (refused or unreachable: " + causes(e) + ")", e);
        } catch (IOException e) {
            throw AttemptFailure.retryable(Failure.TRANSFER, "GET " + url + " failed: " + causes(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AttemptFailure.permanent(Failure.TRANSFER, "interrupted while downloading " + url, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            closeQuietly(response.body());
            throw statusFailure(url, status);
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > limit) {
            closeQuietly(response.body());
            throw AttemptFailure.permanent(Failure.TOO_LARGE,
                    url + " has " + length + " bytes (Content-Length), more than the limit of " + limit + " bytes");
        }
        return new Source(new IdleTimeoutInputStream(response.body(), config.readTimeout()), length);
    }

    private static AttemptFailure statusFailure(URI url, int status) {
        String message = "HTTP " + status + " for GET " + url;
        if (status == 404 || status == 410) {
            return AttemptFailure.permanent(Failure.NOT_FOUND, "not found: " + message);
        }
        if (status == 429 || status >= 500) {
            return AttemptFailure.retryable(Failure.TRANSFER, message, null);
        }
        return AttemptFailure.permanent(Failure.TRANSFER, message);
    }

    private HttpClient client() throws AttemptFailure {
        if (http == null) {
            try {
                http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        // honours -Dhttps.proxyHost/-Dhttp.proxyHost/-Dhttp.nonProxyHosts like other JDK clients
                        .proxy(ProxySelector.getDefault())
                        .sslContext(CentralTls.context(config.certFingerprint(), config.insecureSkipTlsVerify()))
                        .build();
            } catch (GeneralSecurityException e) {
                throw AttemptFailure.permanent(Failure.TLS, "cannot set up TLS for the central: " + e, e);
            }
        }
        return http;
    }

    private String tlsHint(SSLException e) {
        boolean untrusted = causes(e).contains("PKIX");
        return untrusted && config.certFingerprint().isEmpty()
                ? " (the JDK trust store does not trust the central's certificate; to trust exactly that"
                        + " certificate, set certFingerprint to its SHA-256 fingerprint)"
                : "";
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** The messages of an exception and its causes: the useful one (a pin mismatch) is often nested. */
    static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is abandoned anyway
        }
    }

    /** One attempt's failure, and whether trying again could help. */
    private static final class AttemptFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient CentralException exception;
        final boolean retryable;

        private AttemptFailure(CentralException exception, boolean retryable) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
            this.retryable = retryable;
        }

        static AttemptFailure retryable(Failure failure, String message, Throwable cause) {
            return new AttemptFailure(new CentralException(failure, message, cause), true);
        }

        static AttemptFailure permanent(Failure failure, String message) {
            return new AttemptFailure(new CentralException(failure, message), false);
        }

        static AttemptFailure permanent(Failure failure, String message, Throwable cause) {
            return new AttemptFailure(new CentralException(failure, message, cause), false);
        }

        CentralException afterAttempts(int attempts) {
            return new CentralException(exception.failure(),
                    exception.getMessage() + " (gave up after " + attempts + " attempts)", exception.getCause());
        }
    }
}
