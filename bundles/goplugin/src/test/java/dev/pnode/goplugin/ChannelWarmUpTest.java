package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.wire.EphemeralCertificate;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class ChannelWarmUpTest {

    @Test
    public void warmingUpLeavesNoThreadRunning() throws InterruptedException {
        ChannelWarmUp.run(EphemeralCertificate.generate());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (warmUpThreads() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals("netty threads of the warm-up still running", 0, warmUpThreads());
    }

    @Test
    public void onlyTheFirstPluginStartOfAJvmWarmsUp() {
        EphemeralCertificate identity = EphemeralCertificate.generate();
        ChannelWarmUp.startOnce(identity);
        assertTrue("a second warm-up was started", ChannelWarmUp.startOnce(identity).isDone());
    }

    private static long warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("pnode-plugin-warm-up")
                        || thread.getName().equals(ChannelWarmUp.THREAD_NAME))
                .count();
    }
}
