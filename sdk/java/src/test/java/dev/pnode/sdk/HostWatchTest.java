package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class HostWatchTest {

    private final ProcessHandle self = ProcessHandle.current();

    @Test
    public void watchesTheHostNamedByItsPidWhenItIsAnAncestor() {
        ProcessHandle parent = self.parent().orElseThrow();
        assertEquals(Optional.of(parent.pid()), HostWatch.host(Map.of(HostWatch.HOST_PID,
                Long.toString(parent.pid())), self).map(ProcessHandle::pid));
    }

    @Test
    public void findsTheHostBehindAWrapperThatDidNotExec() {
        ProcessHandle grandparent = self.parent().flatMap(ProcessHandle::parent).orElseThrow();
        assertEquals(Optional.of(grandparent.pid()), HostWatch.host(Map.of(HostWatch.HOST_PID,
                Long.toString(grandparent.pid())), self).map(ProcessHandle::pid));
    }

    @Test
    public void aHostThatIsNotAnAncestorIsGone() throws Exception {
        // a host that died before the plugin's JVM got going: the plugin was re-parented, so the pid it was given
        // is no ancestor any more (here: a process that is alive but not ours)
        Process stranger = new ProcessBuilder("sleep", "30").start();
        try {
            assertTrue(HostWatch.host(Map.of(HostWatch.HOST_PID, Long.toString(stranger.pid())), self).isEmpty());
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    public void withoutTheVariableTheParentIsTheHost() {
        assertEquals(self.parent().map(ProcessHandle::pid), HostWatch.host(Map.of(), self).map(ProcessHandle::pid));
    }

    @Test
    public void aHostPidThatIsNoNumberIsRefused() {
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> HostWatch.host(Map.of(HostWatch.HOST_PID, "node"), self));
        assertEquals("PNODE_HOST_PID must be a process id, was \"node\"", e.getMessage());
    }
}
