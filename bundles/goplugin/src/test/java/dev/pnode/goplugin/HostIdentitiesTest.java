package dev.pnode.goplugin;

import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;

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

    /** The channel warm-up builds its TLS context with the identity the next start takes: no extra key pair. */
    @Test
    public void theNextIdentityCanBeUsedBeforeTheStartTakesIt() {
        HostIdentities.prepare();
        EphemeralCertificate peeked = HostIdentities.peek();
        assertSame(peeked, HostIdentities.peek());
        assertSame(peeked, HostIdentities.take());
    }
}
