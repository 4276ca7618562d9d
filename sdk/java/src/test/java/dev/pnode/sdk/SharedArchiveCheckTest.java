package dev.pnode.sdk;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class SharedArchiveCheckTest {

    private static final Path ARCHIVE = Path.of("/data/work/helloworld/1.0.0-ab12/cache/class-data-42.jsa");

    @Test
    public void anArchiveAmongTheMappingsIsInUse() {
        assertTrue(SharedArchiveCheck.isMapped(ARCHIVE, List.of(
                "7f3e3f000000-7f3e3fbc7000 rw-p 00001000 fe:00 328258    /usr/lib/jvm/java-17/lib/server/classes.jsa",
                "7f3e3fbc7000-7f3e413f4000 rw-p 00001000 fe:00 2212213   " + ARCHIVE)));
    }

    @Test
    public void anArchiveReplacedByAnotherStartsTrainingAfterItWasMappedIsStillInUse() {
        assertTrue(SharedArchiveCheck.isMapped(ARCHIVE, List.of(
                "7f3e3fbc7000-7f3e413f4000 rw-p 00001000 fe:00 2212213   " + ARCHIVE + " (deleted)")));
    }

    @Test
    public void onlyTheJdksOwnArchiveOrNothingMappedMeansTheArchiveWasRefused() {
        assertFalse(SharedArchiveCheck.isMapped(ARCHIVE, List.of(
                "7f3e3f000000-7f3e3fbc7000 rw-p 00001000 fe:00 328258    /usr/lib/jvm/java-17/lib/server/classes.jsa")));
        assertFalse(SharedArchiveCheck.isMapped(ARCHIVE, List.of()));
        assertFalse("another plugin's archive", SharedArchiveCheck.isMapped(ARCHIVE, List.of(
                "7f3e3fbc7000-7f3e413f4000 rw-p 00001000 fe:00 2212213   /elsewhere" + ARCHIVE)));
    }
}
