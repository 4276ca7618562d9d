package dev.pnode.rpc.transport;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class VirtualHostsTest {

    @Test
    public void localhostByDefaultWithOrWithoutPortAnyCase() {
        assertTrue(VirtualHosts.LOCALHOST.allows("localhost"));
        assertTrue(VirtualHosts.LOCALHOST.allows("LocalHost:8545"));
        assertFalse(VirtualHosts.LOCALHOST.allows("localhost.attacker.example"));
        assertFalse(VirtualHosts.LOCALHOST.allows("attacker.example:8545"));
    }

    /** DNS rebinding needs a name: geth lets every literal address through, and requests without a Host. */
    @Test
    public void ipAddressesAndNoHostPassLikeGeth() {
        assertTrue(VirtualHosts.LOCALHOST.allows("127.0.0.1:8545"));
        assertTrue(VirtualHosts.LOCALHOST.allows("10.1.2.3"));
        assertTrue(VirtualHosts.LOCALHOST.allows("[::1]:8545"));
        assertTrue(VirtualHosts.LOCALHOST.allows(null));
        assertTrue(VirtualHosts.LOCALHOST.allows(""));
        assertFalse(VirtualHosts.LOCALHOST.allows("127.0.0.1.attacker.example"));
        assertFalse(VirtualHosts.LOCALHOST.allows("300.1.2.3"));
    }

    @Test
    public void aListAStarAndTheListeningName() {
        VirtualHosts hosts = VirtualHosts.parse(" node.example , other.example,");
        assertTrue(hosts.allows("NODE.example:443"));
        assertTrue(hosts.allows("other.example"));
        assertFalse(hosts.allows("localhost"));
        assertTrue(hosts.and("node-7.internal").allows("node-7.internal:8545"));
        assertTrue(VirtualHosts.ANY.allows("anything.example"));
    }
}
