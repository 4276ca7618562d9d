package dev.pnode.host.discovery;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class PlatformTest {

    @Test
    public void linuxOnIntel() {
        assertEquals(new Platform("linux", "amd64"), Platform.of("Linux", "amd64"));
        assertEquals(new Platform("linux", "amd64"), Platform.of("Linux", "x86_64"));
    }

    @Test
    public void linuxOnArm() {
        assertEquals(new Platform("linux", "arm64"), Platform.of("Linux", "aarch64"));
    }

    @Test
    public void macOs() {
        assertEquals(new Platform("darwin", "arm64"), Platform.of("Mac OS X", "aarch64"));
        assertEquals(new Platform("darwin", "amd64"), Platform.of("Mac OS X", "x86_64"));
    }

    @Test
    public void thisMachineHasAName() {
        Platform current = Platform.current();
        assertEquals(current.os(), current.os().trim());
    }
}
