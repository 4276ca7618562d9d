package dev.pnode.deploy.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class BundleTableTest {

    private static final List<BundleRow> ROWS = List.of(
            new BundleRow(0, "ACTIVE", 0, "org.apache.felix.framework", "7.0.5"),
            new BundleRow(42, "RESOLVED", 80, "dev.pnode.example.kvstore.interface", "0.1.0.SNAPSHOT"));

    @Test
    public void alignsEveryColumnUnderItsHeader() {
        assertEquals(""
                + "ID  STATE     LEVEL  NAME                                 VERSION\n"
                + "0   ACTIVE    0      org.apache.felix.framework           7.0.5\n"
                + "42  RESOLVED  80     dev.pnode.example.kvstore.interface  0.1.0.SNAPSHOT\n",
                BundleTable.format(ROWS));
    }

    @Test
    public void noFormatPrintsTabSeparatedLinesWithoutHeader() {
        assertEquals("0\tACTIVE\t0\torg.apache.felix.framework\t7.0.5\n"
                + "42\tRESOLVED\t80\tdev.pnode.example.kvstore.interface\t0.1.0.SNAPSHOT\n", BundleTable.plain(ROWS));
    }

    @Test
    public void anEmptyListStillShowsTheHeader() {
        assertEquals("ID  STATE  LEVEL  NAME  VERSION\n", BundleTable.format(List.of()));
        assertEquals("", BundleTable.plain(List.of()));
    }

    @Test
    public void namesEveryBundleState() {
        assertEquals("INSTALLED", BundleRow.stateName(org.osgi.framework.Bundle.INSTALLED));
        assertEquals("RESOLVED", BundleRow.stateName(org.osgi.framework.Bundle.RESOLVED));
        assertEquals("STARTING", BundleRow.stateName(org.osgi.framework.Bundle.STARTING));
        assertEquals("ACTIVE", BundleRow.stateName(org.osgi.framework.Bundle.ACTIVE));
        assertEquals("STOPPING", BundleRow.stateName(org.osgi.framework.Bundle.STOPPING));
        assertEquals("UNINSTALLED", BundleRow.stateName(org.osgi.framework.Bundle.UNINSTALLED));
        assertEquals("UNKNOWN(3)", BundleRow.stateName(3));
    }
}
