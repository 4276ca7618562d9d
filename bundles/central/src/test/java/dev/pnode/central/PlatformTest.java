package dev.pnode.central;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Every {@code os.name}/{@code os.arch} spelling a JVM is known to report, in Go's names. */
public class PlatformTest {

    @Test
    public void linux() {
        assertEquals("linux", Platform.of("Linux", "amd64").os());
        assertEquals("linux", Platform.of("linux", "amd64").os());
    }

    @Test
    public void macOs() {
        assertEquals("darwin", Platform.of("Mac OS X", "aarch64").os());
        assertEquals("darwin", Platform.of("macOS", "aarch64").os());
        assertEquals("darwin", Platform.of("Darwin", "x86_64").os());
    }

    @Test
    public void windowsOfEveryRelease() {
        assertEquals("windows", Platform.of("Windows 11", "amd64").os());
        assertEquals("windows", Platform.of("Windows Server 2022", "amd64").os());
        assertEquals("windows", Platform.of("Windows 10", "amd64").os());
    }

    @Test
    public void solarisReportsItselfAsSunOs() {
        assertEquals("solaris", Platform.of("SunOS", "sparcv9").os());
    }

    @Test
    public void otherSystemsLoseCaseSpacesAndPunctuation() {
        assertEquals("freebsd", Platform.of("FreeBSD", "amd64").os());
        assertEquals("openbsd", Platform.of("Open BSD", "amd64").os());
        assertEquals("aix", Platform.of("AIX", "ppc64").os());
    }

    @Test
    public void everySpellingOf64BitIntel() {
        assertEquals("amd64", Platform.of("Linux", "amd64").arch());
        assertEquals("amd64", Platform.of("Linux", "x86_64").arch());
        assertEquals("amd64", Platform.of("Linux", "x86-64").arch());
        assertEquals("amd64", Platform.of("Linux", "AMD64").arch());
    }

    @Test
    public void everySpellingOf64BitArm() {
        assertEquals("arm64", Platform.of("Linux", "aarch64").arch());
        assertEquals("arm64", Platform.of("Mac OS X", "arm64").arch());
    }

    @Test
    public void everySpellingOf32BitIntel() {
        for (String arch : new String[] {"x86", "i386", "i486", "i586", "i686"}) {
            assertEquals(arch, "386", Platform.of("Linux", arch).arch());
        }
    }

    @Test
    public void architecturesGoSpellsAlikePassThrough() {
        assertEquals("riscv64", Platform.of("Linux", "riscv64").arch());
        assertEquals("ppc64le", Platform.of("Linux", "ppc64le").arch());
        assertEquals("s390x", Platform.of("Linux", "s390x").arch());
        assertEquals("arm", Platform.of("Linux", "arm").arch());
    }

    @Test
    public void thisMachineHasGoNames() {
        Platform current = Platform.current();
        assertEquals(current, Platform.of(System.getProperty("os.name"), System.getProperty("os.arch")));
        assertEquals(current.os(), current.os().replaceAll("[^a-z0-9]", ""));
        assertEquals(current.arch(), current.arch().replaceAll("[^a-z0-9]", ""));
    }
}
