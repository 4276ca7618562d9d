package dev.pnode.itest.security;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** JSON-RPC over HTTP(S) to the node's endpoint on localhost, as an outside client sees it. */
final class HttpsClient {

    private static final long TIMEOUT_SECONDS = 60;

    /** A JSON-RPC response: HTTP status and body. */
    record Answer(int status, JsonObject body) {

        String errorMessage() {
            return body.getAsJsonObject("error").get("message").getAsString();
        }

        int errorCode() {
            return body.getAsJsonObject("error").get("code").getAsInt();
        }
    }

    private final int port;

    /**
     * Waits until the endpoint listens: it starts once the framework has started the HTTP stack (start levels 91-99),
     * which can come after the services a test injects; the launcher waits for it through pnode-rpc's readiness.
     */
    HttpsClient(int port) throws InterruptedException {
        this.port = port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing listens on port " + port + " after " + TIMEOUT_SECONDS + " s",
                            notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The certificate the endpoint presents, read without trusting anything (to learn what to trust). */
    X509Certificate presentedCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptingAnyCertificate()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /**
     * Waits until the endpoint serves HTTPS with a certificate that passes {@code expected} and answers a
     * {@code rpc_modules} call with {@code token}; returns that certificate.
     */
    X509Certificate awaitServing(Predicate<X509Certificate> expected, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        String last = "nothing tried";
        while (System.nanoTime() < deadline) {
            try {
                X509Certificate certificate = presentedCertificate();
                if (expected.test(certificate)) {
                    Answer answer = call(certificate, "rpc_modules", "[]", Optional.of(token));
                    if (answer.status() == 200) {
                        return certificate;
                    }
                    last = "rpc_modules answered " + answer.status() + " " + answer.body();
                } else {
                    last = "certificate " + certificate.getSubjectX500Principal();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the HTTPS endpoint on port " + port + " did not serve within " + TIMEOUT_SECONDS
                + " s; last: " + last);
    }

    /** Calls a method over HTTPS trusting only {@code trusted}, checking the host name (localhost). */
    Answer call(X509Certificate trusted, String method, String params, Optional<String> token) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted))
                .connectTimeout(Duration.ofSeconds(10)).build();
        return send(client, URI.create("https://localhost:" + port + "/"), method, params, token);
    }

    /** Calls a method over plain HTTP. */
    Answer callPlain(String method, String params) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return send(client, URI.create("http://localhost:" + port + "/"), method, params, Optional.empty());
    }

    private static Answer send(HttpClient client, URI uri, String method, String params, Optional<String> token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JsonParser.parseString(response.body()).getAsJsonObject());
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("endpoint", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Only for reading the presented certificate; nothing is sent over such a connection. */
    private static final class AcceptingAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
