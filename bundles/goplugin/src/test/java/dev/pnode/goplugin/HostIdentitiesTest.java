package dev.pnode.goplugin;

import static org.junit.Assert.assertNotEquals;

import dev.pnode.wire.EphemeralCertificate;
import org.junit.Test;

public class HostIdentitiesTest {

    @Test
    public void everyStartGetsItsOwnIdentityWhetherPreparedOrNot() {
        EphemeralCertificate first = HostIdentities.take();
        HostIdentities.prepare();
        EphemeralCertificate second = HostIdentities.take();
        EphemeralCertificate third = HostIdentities.take();
        assertNotEquals(first.certificate(), second.certificate());
        assertNotEquals(second.certificate(), third.certificate());
        assertNotEquals(first.privateKey(), third.privateKey());
    }
}
