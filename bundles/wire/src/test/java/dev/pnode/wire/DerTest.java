package dev.pnode.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;
import org.junit.Test;

public class DerTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    public void encodesObjectIdentifiersInBase128() {
        assertArrayEquals(hex("06 08 2a 86 48 ce 3d 04 03 04"), Der.oid("1.2.840.10045.4.3.4"));
        assertArrayEquals(hex("06 03 55 1d 11"), Der.oid("2.5.29.17"));
        assertArrayEquals(hex("06 02 88 37"), Der.oid("2.999"));
    }

    @Test
    public void refusesMalformedObjectIdentifiersNamingThem() {
        for (String bad : new String[] {"", "1", "1.", ".1.2", "1..2", "1.x", "-1.2", "3.1", "1.40", "1.2.+3",
                "1.2.9999999999999999999"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> Der.oid(bad));
            assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
        }
    }

    @Test
    public void writesShortAndLongLengths() {
        assertArrayEquals(hex("04 00"), Der.octetString(new byte[0]));
        assertArrayEquals(hex("04 7f"), Arrays.copyOf(Der.octetString(new byte[127]), 2));
        assertArrayEquals(hex("04 81 80"), Arrays.copyOf(Der.octetString(new byte[128]), 3));
        assertArrayEquals(hex("04 82 01 2c"), Arrays.copyOf(Der.octetString(new byte[300]), 4));
        assertEquals(4 + 300, Der.octetString(new byte[300]).length);
        assertEquals(5 + 70_000, Der.octetString(new byte[70_000]).length);
    }

    @Test
    public void encodesIntegersAsSignedMinimalBytes() {
        assertArrayEquals(hex("02 01 02"), Der.integer(2));
        assertArrayEquals(hex("02 02 00 80"), Der.integer(128));
        assertArrayEquals(hex("02 01 00"), Der.integer(BigInteger.ZERO));
    }

    @Test
    public void dropsTrailingZeroBitsOfNamedBitStrings() {
        // digitalSignature, keyEncipherment, keyAgreement, keyCertSign: go-plugin's key usages
        assertArrayEquals(hex("03 02 02 ac"), Der.namedBits(true, false, true, false, true, true, false, false));
        assertArrayEquals(hex("03 02 07 80"), Der.namedBits(true));
        assertArrayEquals(hex("03 03 07 00 80"), Der.namedBits(false, false, false, false, false, false, false, false,
                true));
        assertArrayEquals(hex("03 01 00"), Der.namedBits(false, false));
    }

    @Test
    public void writesWholeByteBitStringsWithNoUnusedBits() {
        assertArrayEquals(hex("03 03 00 ca fe"), Der.bitString(hex("ca fe")));
    }

    @Test
    public void usesUtcTimeThrough2049AndGeneralizedTimeFrom2050() {
        assertArrayEquals(element(0x17, "491231235959Z"), Der.time(Instant.parse("2049-12-31T23:59:59.900Z")));
        assertArrayEquals(element(0x18, "20500101000000Z"), Der.time(Instant.parse("2050-01-01T00:00:00Z")));
        assertArrayEquals(element(0x17, "500101000000Z"), Der.time(Instant.parse("1950-01-01T00:00:00Z")));
    }

    @Test
    public void refusesTimesX509CannotWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Der.time(Instant.parse("1949-12-31T23:59:59Z")));
        assertTrue(e.getMessage(), e.getMessage().contains("1950-9999"));
        assertThrows(IllegalArgumentException.class, () -> Der.time(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    public void tagsContextSpecificElements() {
        assertArrayEquals(hex("a0 03 02 01 02"), Der.explicit(0, Der.integer(2)));
        assertArrayEquals(hex("82 03 61 62 63"), Der.implicitString(2, "abc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Der.explicit(31, Der.integer(2)));
        assertTrue(e.getMessage(), e.getMessage().contains("31"));
        assertThrows(IllegalArgumentException.class, () -> Der.implicitString(-1, "abc"));
    }

    @Test
    public void writesNamesTheJdkReads() {
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8String("Hashi,Corp é"))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String("localhost"))));
        assertEquals("CN=localhost,O=Hashi\\,Corp é", new X500Principal(name).getName());
        assertArrayEquals(hex("01 01 ff"), Der.bool(true));
        assertArrayEquals(hex("01 01 00"), Der.bool(false));
    }

    private static byte[] element(int tag, String ascii) {
        byte[] contents = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] element = new byte[2 + contents.length];
        element[0] = (byte) tag;
        element[1] = (byte) contents.length;
        System.arraycopy(contents, 0, element, 2, contents.length);
        return element;
    }
}
