package dev.pnode.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.Handshake;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import org.junit.Test;

public class HandshakeLineTest {

    private static final X509Certificate CERT = EphemeralCertificate.generate().certificate();
    private static final String RAW_CERT = base64(Base64.getEncoder().withoutPadding());

    private static String base64(Base64.Encoder encoder) {
        try {
            return encoder.encodeToString(CERT.getEncoded());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String rejected(String line) {
        return assertThrows(HandshakeException.class, () -> HandshakeLine.parse(line)).getMessage();
    }

    private static void assertRejected(String line, String expectedInMessage) {
        String message = rejected(line);
        assertTrue("'" + message + "' should contain '" + expectedInMessage + "'", message.contains(expectedInMessage));
    }

    @Test
    public void readsAGoPluginUnixLineWithCertificate() throws Exception {
        HandshakeLine line = HandshakeLine.parse("1|1|unix|/tmp/plugin123/plugin.sock|grpc|" + RAW_CERT + "\n");
        assertEquals(1, line.coreProtocolVersion());
        assertEquals(1, line.appProtocolVersion());
        assertEquals("unix", line.network());
        assertEquals("/tmp/plugin123/plugin.sock", line.address());
        assertEquals("grpc", line.protocol());
        assertEquals(Optional.of(CERT), line.serverCertificate());
    }

    @Test
    public void readsATcpLine() throws Exception {
        HandshakeLine line = HandshakeLine.parse("1|3|tcp|127.0.0.1:10001|grpc|");
        assertEquals("tcp", line.network());
        assertEquals("127.0.0.1:10001", line.address());
        assertEquals(3, line.appProtocolVersion());
    }

    @Test
    public void readsAnIpv6TcpAddress() throws Exception {
        assertEquals("[::1]:10001", HandshakeLine.parse("1|1|tcp|[::1]:10001|grpc|").address());
    }

    @Test
    public void acceptsATrailingEmptyCertificateField() throws Exception {
        assertEquals(Optional.empty(), HandshakeLine.parse("1|1|unix|/s.sock|grpc|").serverCertificate());
    }

    @Test
    public void acceptsAMissingCertificateField() throws Exception {
        assertEquals(Optional.empty(), HandshakeLine.parse("1|1|unix|/s.sock|grpc").serverCertificate());
    }

    @Test
    public void acceptsPaddedStandardBase64() throws Exception {
        String padded = base64(Base64.getEncoder());
        assertEquals(Optional.of(CERT), HandshakeLine.parse("1|1|unix|/s|grpc|" + padded).serverCertificate());
    }

    @Test
    public void acceptsUrlSafeBase64WithAndWithoutPadding() throws Exception {
        assertEquals(Optional.of(CERT),
                HandshakeLine.parse("1|1|unix|/s|grpc|" + base64(Base64.getUrlEncoder())).serverCertificate());
        assertEquals(Optional.of(CERT), HandshakeLine.parse("1|1|unix|/s|grpc|"
                + base64(Base64.getUrlEncoder().withoutPadding())).serverCertificate());
    }

    @Test
    public void acceptsGoPluginsSeventhMultiplexingField() throws Exception {
        assertEquals(Optional.of(CERT), HandshakeLine.parse("1|1|unix|/s|grpc|" + RAW_CERT + "|true").serverCertificate());
        HandshakeLine.parse("1|1|unix|/s|grpc||false");
    }

    @Test
    public void ignoresWindowsLineEndingsAndSurroundingBlanks() throws Exception {
        assertEquals("/s.sock", HandshakeLine.parse("  1|1|unix|/s.sock|grpc|\r\n").address());
    }

    @Test
    public void formatsExactlyAsGoPluginPrints() throws Exception {
        HandshakeLine line = HandshakeLine.grpc(1, "unix", "/tmp/x/plugin.sock", Optional.of(CERT));
        assertEquals("1|1|unix|/tmp/x/plugin.sock|grpc|" + RAW_CERT, line.toLine());
        assertEquals(line, HandshakeLine.parse(line.toLine()));
    }

    @Test
    public void formatsAnEmptyLastFieldWithoutCertificate() {
        assertEquals("1|2|tcp|127.0.0.1:5|grpc|", HandshakeLine.grpc(2, "tcp", "127.0.0.1:5", Optional.empty()).toLine());
    }

    @Test
    public void checksTheApplicationProtocolVersion() throws Exception {
        HandshakeLine line = HandshakeLine.parse("1|2|unix|/s|grpc|");
        assertEquals(line, line.requireCompatible(new Handshake(2, "K", "V")));
        String message = assertThrows(HandshakeException.class, () -> line.requireCompatible(Handshake.QUORUM))
                .getMessage();
        assertEquals("plugin speaks application protocol version 2, the host expects version 1", message);
    }

    @Test
    public void rejectsNull() {
        assertRejected(null, "no handshake line");
    }

    @Test
    public void rejectsAnEmptyLine() {
        assertRejected("", "has 1 field: ''");
    }

    @Test
    public void rejectsPlainText() {
        assertRejected("Listening on port 1234", "must be CORE|APP|NETWORK|ADDR|PROTOCOL|CERT but has 1 field");
    }

    @Test
    public void rejectsTooFewFields() {
        assertRejected("1|1|unix", "but has 3 fields: '1|1|unix'");
    }

    @Test
    public void rejectsTooManyFields() {
        assertRejected("1|1|unix|/s|grpc||true|extra", "but has 8 fields");
    }

    @Test
    public void rejectsANonNumericCoreVersion() {
        assertRejected("x|1|unix|/s|grpc|", "field 1 (core protocol version) must be a positive number, was 'x'");
    }

    @Test
    public void rejectsANegativeOrHugeCoreVersion() {
        assertRejected("-1|1|unix|/s|grpc|", "field 1 (core protocol version) must be a positive number");
        assertRejected("99999999999|1|unix|/s|grpc|", "field 1 (core protocol version) must be a positive number");
    }

    @Test
    public void rejectsAnotherCoreVersion() {
        assertRejected("2|1|unix|/s|grpc|", "plugin speaks go-plugin core protocol 2, this host speaks 1");
    }

    @Test
    public void rejectsANonNumericAppVersion() {
        assertRejected("1|v1|unix|/s|grpc|", "field 2 (application protocol version) must be a positive number, was 'v1'");
        assertRejected("1||unix|/s|grpc|", "field 2 (application protocol version) must be a positive number, was ''");
    }

    @Test
    public void rejectsAppVersionZero() {
        assertRejected("1|0|unix|/s|grpc|", "field 2 (application protocol version) must be at least 1, was 0");
    }

    @Test
    public void rejectsAnUnknownNetwork() {
        assertRejected("1|1|udp|/s|grpc|", "field 3 (network) must be unix or tcp, was 'udp'");
        assertRejected("1|1|UNIX|/s|grpc|", "field 3 (network) must be unix or tcp, was 'UNIX'");
    }

    @Test
    public void rejectsAnEmptyAddress() {
        assertRejected("1|1|unix||grpc|", "field 4 (address) is empty");
    }

    @Test
    public void rejectsATcpAddressWithoutPort() {
        assertRejected("1|1|tcp|127.0.0.1|grpc|", "field 4 (address) must be host:port for tcp");
        assertRejected("1|1|tcp|127.0.0.1:|grpc|", "field 4 (address) must be host:port for tcp");
    }

    @Test
    public void rejectsATcpPortOutOfRange() {
        assertRejected("1|1|tcp|127.0.0.1:70000|grpc|", "no valid port (1-65535)");
        assertRejected("1|1|tcp|127.0.0.1:0|grpc|", "no valid port (1-65535)");
        assertRejected("1|1|tcp|127.0.0.1:http|grpc|", "no valid port (1-65535)");
    }

    @Test
    public void rejectsNetrpc() {
        assertRejected("1|1|unix|/s|netrpc|",
                "netrpc plugins are not supported; build the plugin with go-plugin's gRPC protocol");
    }

    @Test
    public void rejectsAMissingProtocolFieldAsNetrpcLikeGoPlugin() {
        assertRejected("1|1|tcp|127.0.0.1:1234", "the handshake line has no protocol field, which means netrpc");
    }

    @Test
    public void rejectsAnUnknownProtocol() {
        assertRejected("1|1|unix|/s|http|", "field 5 (protocol) must be grpc, was 'http'");
    }

    @Test
    public void rejectsACertificateThatIsNotBase64() {
        assertRejected("1|1|unix|/s|grpc|not a cert!", "field 6 is not a base64 DER X.509 certificate");
    }

    @Test
    public void rejectsBase64ThatIsNotACertificate() {
        String zeros = Base64.getEncoder().encodeToString(new byte[200]);
        assertRejected("1|1|unix|/s|grpc|" + zeros, "field 6 is not a base64 DER X.509 certificate");
    }

    @Test
    public void rejectsATruncatedCertificate() {
        assertRejected("1|1|unix|/s|grpc|" + RAW_CERT.substring(0, RAW_CERT.length() / 2),
                "field 6 is not a base64 DER X.509 certificate");
    }

    @Test
    public void rejectsAPemCertificate() {
        assertRejected("1|1|unix|/s|grpc|-----BEGIN CERTIFICATE-----", "it looks like PEM");
    }

    @Test
    public void rejectsAnInvalidMultiplexingField() {
        assertRejected("1|1|unix|/s|grpc||maybe", "field 7 (gRPC broker multiplexing) must be true or false, was 'maybe'");
    }

    @Test
    public void rejectsAnAbsurdlyLongLineAndQuotesOnlyItsStart() {
        String message = rejected("1|1|unix|/" + "x".repeat(HandshakeLine.MAX_LENGTH) + "|grpc|");
        assertTrue(message, message.contains("more than the limit of 65536"));
        assertTrue(message.length() < 400);
    }

    @Test
    public void quotesLongGarbageOnlyInPart() {
        String message = rejected("y".repeat(5000));
        assertTrue(message.length() < 400);
        assertFalse(message.contains("y".repeat(201)));
    }
}
