package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;

import io.grpc.netty.shaded.io.netty.channel.SelectStrategy;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class SpinThenBlockStrategyTest {

    private static final long LONG_SPIN = TimeUnit.MINUTES.toNanos(1);

    @Test
    public void readySocketsAreHandledAtOnce() throws Exception {
        assertEquals(3, new SpinThenBlockStrategy(LONG_SPIN).calculateStrategy(() -> 3, false));
    }

    @Test
    public void pendingTasksRunWithoutBlocking() throws Exception {
        assertEquals(0, new SpinThenBlockStrategy(LONG_SPIN).calculateStrategy(() -> 0, true));
    }

    @Test
    public void anIdleLoopKeepsPollingInsideTheWindow() throws Exception {
        SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(LONG_SPIN);
        strategy.calculateStrategy(() -> 1, false);
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
    }

    @Test
    public void anIdleLoopBlocksOnceTheWindowHasPassed() throws Exception {
        SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(TimeUnit.MILLISECONDS.toNanos(1));
        strategy.calculateStrategy(() -> 1, false);
        Thread.sleep(5);
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false));
    }

    @Test
    public void newWorkOpensTheWindowAgain() throws Exception {
        SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(TimeUnit.MILLISECONDS.toNanos(200));
        Thread.sleep(250);
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false));
        strategy.calculateStrategy(() -> 0, true);
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
    }

    @Test
    public void wakingFromABlockOpensTheWindowAgain() throws Exception {
        SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(TimeUnit.MILLISECONDS.toNanos(200));
        Thread.sleep(250);
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false));
        // netty blocked, woke for an answer and handled it: the caller's next request must find the loop polling
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
    }

    @Test
    public void whileAHostHoldsThePollingBackAnIdleLoopBlocksAtOnce() throws Exception {
        SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(LONG_SPIN);
        strategy.calculateStrategy(() -> 1, false);
        Runnable hold = PluginProcess.holdChannelPolling();
        try {
            assertEquals("a reload runs: the serving plugin and its replacement need the cores",
                    SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false));
        } finally {
            hold.run();
        }
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
    }

    @Test
    public void aHoldCountsOnceHoweverOftenItIsReleased() throws Exception {
        Runnable first = PluginProcess.holdChannelPolling();
        Runnable second = PluginProcess.holdChannelPolling();
        first.run();
        first.run();
        SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(LONG_SPIN);
        strategy.calculateStrategy(() -> 1, false);
        assertEquals("the second hold still stands", SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false));
        second.run();
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
    }

    @Test
    public void withoutAWindowAnIdleLoopBlocksAtOnceWithoutPolling() throws Exception {
        assertEquals(SelectStrategy.SELECT, new SpinThenBlockStrategy(0).calculateStrategy(() -> {
            throw new AssertionError("polled");
        }, false));
        assertEquals(2, new SpinThenBlockStrategy(0).calculateStrategy(() -> 2, true));
    }
}
