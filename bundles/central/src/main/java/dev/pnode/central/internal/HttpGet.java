package dev.pnode.central.internal;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens a GET of a central URL with {@link HttpURLConnection}: it reads the socket straight into the caller's
 * buffer, more than twice as fast as the JDK HttpClient's 16 KiB buffers handed between threads. Applies the
 * connect timeout, the read timeout (for the response headers and between any two reads of the body), the
 * TLS settings, the size limit from Content-Length, and follows up to {@value #MAX_REDIRECTS} redirects, never
 * from https to http. Proxies come from the default ProxySelector, as for every HttpURLConnection.
 *
 * <p>Connections are kept alive and reused (the signature and key come over the zip's connection): a body read
 * to its end, or an error body closed unread, returns its connection to the JDK's keep-alive cache; a body
 * abandoned half-way drops it ({@link ResponseBody#abandon()}).
 */
final class HttpGet {

    static final int MAX_REDIRECTS = 5;

    /**
     * Pinned or insecure TLS: the pin (or nothing) replaces the host name check, see {@link CentralTls}. Their
     * trust managers skip it already; this keeps HttpsURLConnection from checking the name after the handshake.
     */
    private static final HostnameVerifier ANY_HOST = (host, session) -> true;

    private final CentralConfig config;
    private SSLSocketFactory tls;

    HttpGet(CentralConfig config) {
        this.config = config;
    }

    /** Connects and checks the status (200) and announced size; the caller reads and closes the body. */
    ResponseBody open(URI url, long limit) throws AttemptFailure {
        HttpURLConnection connection = connectFollowingRedirects(url);
        long length = connection.getContentLengthLong();
        if (length > limit) {
            connection.disconnect();
            throw AttemptFailure.permanent(Failure.TOO_LARGE,
                    url + " has " + length + " bytes (Content-Length), more than the limit of " + limit + " bytes");
        }
        try {
            return new ResponseBody(connection.getInputStream(), length, connection::disconnect);
        } catch (IOException e) {
            connection.disconnect();
            throw AttemptFailure.retryable(Failure.TRANSFER, "GET " + url + " failed: " + causes(e), e);
        }
    }

    private HttpURLConnection connectFollowingRedirects(URI url) throws AttemptFailure {
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            HttpURLConnection connection = connect(current);
            int status = responseStatus(connection, current);
            if (status == HttpURLConnection.HTTP_OK) {
                return connection;
            }
            String location = connection.getHeaderField("Location");
            closeUnread(connection, status);
            if (!isRedirect(status) || location == null) {
                throw statusFailure(current, status);
            }
            URI next = redirectTarget(current, status, location);
            if (redirects == MAX_REDIRECTS) {
                throw AttemptFailure.permanent(Failure.TRANSFER, "GET " + url + " was redirected more than "
                        + MAX_REDIRECTS + " times (last to " + next + ")");
            }
            current = next;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, int status, String location) throws AttemptFailure {
        URI target;
        try {
            target = from.resolve(new URI(location));
        } catch (URISyntaxException e) {
            throw AttemptFailure.permanent(Failure.TRANSFER, "HTTP " + status + " for GET " + from
                    + " redirects to an invalid URL '" + location + "': " + e.getMessage());
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw AttemptFailure.permanent(Failure.TRANSFER, "HTTP " + status + " for GET " + from
                    + " redirects to " + target + ", which is not an http(s) URL");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(from.getScheme())) {
            throw AttemptFailure.permanent(Failure.TRANSFER, "HTTP " + status + " for GET " + from
                    + " redirects to " + target + "; not following a redirect from https to http");
        }
        return target;
    }

    private HttpURLConnection connect(URI url) throws AttemptFailure {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) url.toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw AttemptFailure.permanent(Failure.CONFIGURATION, "cannot open " + url + ": " + causes(e), e);
        }
        connection.setConnectTimeout(millis(config.connectTimeout()));
        connection.setReadTimeout(millis(config.readTimeout()));
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("User-Agent", "pnode-central");
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls());
            if (config.certFingerprint().isPresent() || config.insecureSkipTlsVerify()) {
                https.setHostnameVerifier(ANY_HOST);
            }
        }
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            throw AttemptFailure.retryable(Failure.TIMEOUT, "connecting to " + url + " timed out after "
                    + config.connectTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw connectionFailure(url, e);
        }
        return connection;
    }

    /** At least 1: HttpURLConnection takes 0 as "wait forever". */
    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
    }

    private int responseStatus(HttpURLConnection connection, URI url) throws AttemptFailure {
        try {
            return connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            throw AttemptFailure.retryable(Failure.TIMEOUT, "no response from " + url + " within "
                    + config.readTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            connection.disconnect();
            throw connectionFailure(url, e);
        }
    }

    private AttemptFailure connectionFailure(URI url, IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return AttemptFailure.permanent(Failure.TRANSFER, "interrupted while downloading " + url, e);
        }
        if (e instanceof SSLException ssl) {
            return AttemptFailure.permanent(Failure.TLS, "TLS with " + url + " failed: " + causes(e) + tlsHint(ssl), e);
        }
        if (e instanceof ConnectException) {
            return AttemptFailure.retryable(Failure.TRANSFER, "cannot connect to " + url.getHost() + " port "
                    + port(url) + " for " + url + " (refused or unreachable: " + causes(e) + ")", e);
        }
        return AttemptFailure.retryable(Failure.TRANSFER, "GET " + url + " failed: " + causes(e), e);
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

    /**
     * Closes a response body that is not wanted (error page, redirect). The JDK drains a small rest in the
     * background and keeps the connection alive; a large one is dropped.
     */
    private static void closeUnread(HttpURLConnection connection, int status) {
        try {
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (body != null) {
                body.close();
            }
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    /** One socket factory for all connections: the keep-alive cache reuses a connection only with the same one. */
    private SSLSocketFactory tls() throws AttemptFailure {
        if (tls == null) {
            try {
                tls = CentralTls.context(config.certFingerprint(), config.insecureSkipTlsVerify()).getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw AttemptFailure.permanent(Failure.TLS, "cannot set up TLS for the central: " + e, e);
            }
        }
        return tls;
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
}
