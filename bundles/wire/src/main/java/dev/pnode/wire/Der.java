package dev.pnode.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings {@link EphemeralCertificate} writes, each returning a whole element (tag, length,
 * contents). Hand-written so that a Java plugin does not load Bouncy Castle for its one certificate (the measured
 * reason is in this module's README); it writes only what go-plugin's template needs and reads nothing.
 */
final class Der {

    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int BOOLEAN = 0x01;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int UTF8_STRING = 0x0c;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int CONTEXT_CONSTRUCTED = 0xa0;
    private static final int CONTEXT_PRIMITIVE = 0x80;

    /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, both in whole seconds UTC. */
    private static final int FIRST_GENERALIZED_YEAR = 2050;
    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    static byte[] sequence(byte[]... elements) {
        return element(SEQUENCE, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return element(SET, concat(elements));
    }

    /** {@code [tag] EXPLICIT}: the element wrapped in a constructed context-specific tag. */
    static byte[] explicit(int tag, byte[] element) {
        return element(CONTEXT_CONSTRUCTED | contextTag(tag), element);
    }

    /** {@code [tag] IMPLICIT} of a primitive string type: its contents under a context-specific tag. */
    static byte[] implicitString(int tag, String ascii) {
        return element(CONTEXT_PRIMITIVE | contextTag(tag), ascii.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] bool(boolean value) {
        return element(BOOLEAN, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    static byte[] integer(BigInteger value) {
        return element(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /** A BIT STRING of whole bytes (a signature). */
    static byte[] bitString(byte[] bytes) {
        return element(BIT_STRING, concat(new byte[] {0}, bytes));
    }

    /** A named-bit BIT STRING ({@code KeyUsage}): bit 0 is the first byte's highest; trailing zero bits dropped. */
    static byte[] namedBits(boolean... bits) {
        int length = bits.length;
        while (length > 0 && !bits[length - 1]) {
            length--;
        }
        byte[] contents = new byte[1 + (length + 7) / 8];
        contents[0] = (byte) (contents.length * 8 - 8 - length);
        for (int bit = 0; bit < length; bit++) {
            if (bits[bit]) {
                contents[1 + bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
        }
        return element(BIT_STRING, contents);
    }

    static byte[] octetString(byte[] bytes) {
        return element(OCTET_STRING, bytes);
    }

    static byte[] utf8String(String text) {
        return element(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An X.509 {@code Time}, truncated to the second. */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (utc.getYear() < 1950 || utc.getYear() > 9999) {
            throw new IllegalArgumentException("an X.509 time must lie in the years 1950-9999: " + instant);
        }
        return utc.getYear() < FIRST_GENERALIZED_YEAR
                ? element(UTC_TIME, UTC_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII))
                : element(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 2.5.29.17}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.", -1);
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an object identifier needs at least two arcs: '" + dotted + "'");
        }
        long first = arc(dotted, arcs[0]);
        long second = arc(dotted, arcs[1]);
        if (first > 2 || (first < 2 && second > 39)) {
            throw new IllegalArgumentException("an object identifier starts with 0, 1 or 2, and then 0-39 unless"
                    + " the first is 2: '" + dotted + "'");
        }
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        base128(contents, first * 40 + second);
        for (int i = 2; i < arcs.length; i++) {
            base128(contents, arc(dotted, arcs[i]));
        }
        return element(OBJECT_IDENTIFIER, contents.toByteArray());
    }

    private static long arc(String dotted, String arc) {
        if (arc.isEmpty() || !arc.chars().allMatch(c -> c >= '0' && c <= '9') || arc.length() > 18) {
            throw new IllegalArgumentException("not an object identifier: '" + dotted + "'");
        }
        return Long.parseLong(arc);
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int group = groups - 1; group >= 0; group--) {
            int septet = (int) (value >>> (7 * group)) & 0x7f;
            out.write(group == 0 ? septet : septet | 0x80);
        }
    }

    private static int contextTag(int tag) {
        if (tag < 0 || tag > 30) {
            throw new IllegalArgumentException("a one-byte context-specific tag is 0-30: " + tag);
        }
        return tag;
    }

    private static byte[] element(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int lengthBytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthBytes);
            for (int i = lengthBytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
