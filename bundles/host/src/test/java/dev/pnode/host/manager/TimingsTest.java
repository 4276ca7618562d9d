package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.Test;

public class TimingsTest {

    @Test
    public void withoutPropertiesTheDefaultsApply() {
        assertEquals(Timings.DEFAULT, Timings.fromProperties(name -> null));
    }

    @Test
    public void propertiesOverrideTheDefaults() {
        Timings timings = Timings.fromProperties(Map.of("pnode.plugin.startTimeout", "2m",
                "pnode.plugin.callTimeout", "1500ms", "pnode.plugin.healthInterval", "1s",
                "pnode.plugin.drainGrace", " 20s ")::get);
        assertEquals(Duration.ofMinutes(2), timings.startTimeout());
        assertEquals(Duration.ofMillis(1500), timings.callTimeout());
        assertEquals(Duration.ofSeconds(1), timings.healthInterval());
        assertEquals(Duration.ofSeconds(20), timings.drainGrace());
        assertEquals(Timings.DEFAULT.restartLimit(), timings.restartLimit());
    }

    @Test
    public void aBadDurationNamesThePropertyAndTheAcceptedForms() {
        for (String bad : new String[] {"10", "10 s", "PT10S", "-1s", "1h", "ten seconds"}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> Timings.fromProperties(Map.of("pnode.plugin.callTimeout", bad)::get)).getMessage();
            assertEquals("framework property pnode.plugin.callTimeout: '" + bad
                    + "' is not a duration like 500ms, 10s or 2m", message);
        }
    }

    @Test
    public void aZeroDurationIsRefused() {
        assertEquals("framework property pnode.plugin.startTimeout: must be longer than zero",
                assertThrows(IllegalArgumentException.class,
                        () -> Timings.fromProperties(Map.of("pnode.plugin.startTimeout", "0s")::get)).getMessage());
    }
}
