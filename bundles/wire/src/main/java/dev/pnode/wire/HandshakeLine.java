package dev.pnode.wire;

import dev.pnode.api.Handshake;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The line a go-plugin plugin prints on stdout: {@code CORE|APP|NETWORK|ADDR|PROTOCOL|CERT}.
 *
 * <p>Accepted variants, as real plugins print them: a trailing empty field (Go prints {@code ...|grpc|} when it has
 * no certificate), no certificate field at all, a certificate in standard or URL-safe base64 with or without
 * padding, and go-plugin's optional seventh field (gRPC broker multiplexing, {@code true}/{@code false}).
 *
 * @param coreProtocolVersion go-plugin's core protocol, always 1
 * @param appProtocolVersion the application protocol the plugin speaks
 * @param network {@code unix} or {@code tcp}
 * @param address socket path or host:port
 * @param protocol {@code grpc} (netrpc is refused)
 * @param serverCertificate the plugin's AutoMTLS certificate, when it sent one
 */
public record HandshakeLine(int coreProtocolVersion, int appProtocolVersion, String network, String address,
        String protocol, Optional<X509Certificate> serverCertificate) {

    /** The only core protocol go-plugin has ever had. */
    public static final int CORE_PROTOCOL_VERSION = 1;
    /** Longest line accepted as a handshake; longer stdout lines are refused without being buffered whole. */
    public static final int MAX_LENGTH = 64 * 1024;
    public static final String NETWORK_UNIX = "unix";
    public static final String NETWORK_TCP = "tcp";
    public static final String PROTOCOL_GRPC = "grpc";

    private static final String FORMAT = "CORE|APP|NETWORK|ADDR|PROTOCOL|CERT";
    private static final int QUOTE_LIMIT = 200;
    private static final Set<String> GO_BOOLEANS =
            Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");

    public HandshakeLine {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(serverCertificate, "serverCertificate");
    }

    /** A gRPC handshake as a go-plugin server announces itself, e.g. for a plugin SDK. */
    public static HandshakeLine grpc(int appProtocolVersion, String network, String address,
            Optional<X509Certificate> serverCertificate) {
        return new HandshakeLine(CORE_PROTOCOL_VERSION, appProtocolVersion, network, address, PROTOCOL_GRPC,
                serverCertificate);
    }

    /**
     * The line exactly as go-plugin's server prints it (without the newline): six fields, the certificate as
     * unpadded standard base64 DER, an empty last field when there is no certificate.
     */
    public String toLine() {
        String certificate = serverCertificate.map(HandshakeLine::rawBase64).orElse("");
        return coreProtocolVersion + "|" + appProtocolVersion + "|" + network + "|" + address + "|" + protocol + "|"
                + certificate;
    }

    private static String rawBase64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().withoutPadding().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the server certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a handshake line. Leading and trailing white space (a {@code \r} from Windows-built plugins) is
     * ignored.
     *
     * @throws HandshakeException naming what is wrong with the line
     */
    public static HandshakeLine parse(String line) throws HandshakeException {
        if (line == null) {
            throw new HandshakeException("no handshake line: the plugin closed its stdout without printing one");
        }
        if (line.length() > MAX_LENGTH) {
            throw new HandshakeException("handshake line is " + line.length() + " characters long, more than the limit of "
                    + MAX_LENGTH + ": " + quote(line));
        }
        String trimmed = line.strip();
        String[] fields = trimmed.split("\\|", -1);
        if (fields.length < 4) {
            throw new HandshakeException("handshake line must be " + FORMAT + " but has " + fields.length
                    + (fields.length == 1 ? " field: " : " fields: ") + quote(trimmed));
        }
        if (fields.length > 7) {
            throw new HandshakeException("handshake line must be " + FORMAT + " but has " + fields.length
                    + " fields: " + quote(trimmed));
        }
        int core = number(fields[0], 1, "core protocol version");
        if (core != CORE_PROTOCOL_VERSION) {
            throw new HandshakeException("plugin speaks go-plugin core protocol " + core + ", this host speaks "
                    + CORE_PROTOCOL_VERSION + "; the plugin was built with an incompatible go-plugin");
        }
        int app = number(fields[1], 2, "application protocol version");
        String network = network(fields[2]);
        String address = address(network, fields[3]);
        String protocol = protocol(fields.length > 4 ? fields[4] : null);
        Optional<X509Certificate> certificate = fields.length > 5 ? certificate(fields[5]) : Optional.empty();
        if (fields.length > 6 && !fields[6].isEmpty() && !GO_BOOLEANS.contains(fields[6])) {
            throw new HandshakeException(
                    "field 7 (gRPC broker multiplexing) must be true or false, was " + quote(fields[6]));
        }
        return new HandshakeLine(core, app, network, address, protocol, certificate);
    }

    /**
     * Checks that the plugin speaks the application protocol version the host expects.
     *
     * @throws HandshakeException naming both versions
     */
    public HandshakeLine requireCompatible(Handshake expected) throws HandshakeException {
        if (appProtocolVersion != expected.protocolVersion()) {
            throw new HandshakeException("plugin speaks application protocol version " + appProtocolVersion
                    + ", the host expects version " + expected.protocolVersion());
        }
        return this;
    }

    private static int number(String field, int position, String what) throws HandshakeException {
        if (field.isEmpty() || field.length() > 9 || !field.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HandshakeException(
                    "field " + position + " (" + what + ") must be a positive number, was " + quote(field));
        }
        int value = Integer.parseInt(field);
        if (value < 1) {
            throw new HandshakeException("field " + position + " (" + what + ") must be at least 1, was " + value);
        }
        return value;
    }

    private static String network(String field) throws HandshakeException {
        if (!field.equals(NETWORK_UNIX) && !field.equals(NETWORK_TCP)) {
            throw new HandshakeException("field 3 (network) must be unix or tcp, was " + quote(field));
        }
        return field;
    }

    private static String address(String network, String field) throws HandshakeException {
        if (field.isBlank()) {
            throw new HandshakeException("field 4 (address) is empty");
        }
        if (field.indexOf('\0') >= 0) {
            throw new HandshakeException("field 4 (address) contains a NUL character: " + quote(field));
        }
        if (network.equals(NETWORK_TCP)) {
            TcpAddress.parse(field);
        }
        return field;
    }

    private static String protocol(String field) throws HandshakeException {
        if (field == null || field.equals("netrpc")) {
            throw new HandshakeException("netrpc plugins are not supported; build the plugin with go-plugin's gRPC "
                    + "protocol" + (field == null ? " (the handshake line has no protocol field, which means netrpc)" : ""));
        }
        if (!field.equals(PROTOCOL_GRPC)) {
            throw new HandshakeException("field 5 (protocol) must be grpc, was " + quote(field));
        }
        return field;
    }

    private static Optional<X509Certificate> certificate(String field) throws HandshakeException {
        if (field.isEmpty()) {
            return Optional.empty();
        }
        if (field.contains("BEGIN")) {
            throw new HandshakeException("field 6 is not a base64 DER X.509 certificate: it looks like PEM, which "
                    + "cannot be on one line");
        }
        try {
            return Optional.of(EphemeralCertificate.parseCertificate(field));
        } catch (CertificateException e) {
            throw new HandshakeException("field 6 is not a base64 DER X.509 certificate (" + e.getMessage() + "): "
                    + quote(field));
        }
    }

    /** {@code text} in quotes for an error message, cut to 200 characters so a runaway line stays readable. */
    public static String quote(String text) {
        String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return "'" + shown + "'";
    }

    /** A {@code host:port} address from a tcp handshake, IPv6 hosts in brackets. */
    public record TcpAddress(String host, int port) {

        /** @throws HandshakeException naming what is wrong with the address */
        public static TcpAddress parse(String address) throws HandshakeException {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw new HandshakeException("field 4 (address) must be host:port for tcp, was " + quote(address));
            }
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String port = address.substring(colon + 1);
            if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new HandshakeException("field 4 (address) has no valid port (1-65535): " + quote(address));
            }
            return new TcpAddress(host, Integer.parseInt(port));
        }
    }
}
