package dev.pnode.deploy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class BundleSelectorTest {

    private static final List<BundleRow> BUNDLES = List.of(
            new BundleRow(0, "ACTIVE", 0, "org.apache.felix.framework", "7.0.5"),
            new BundleRow(7, "ACTIVE", 80, "dev.pnode.kv", "1.0.0"),
            new BundleRow(8, "RESOLVED", 80, "dev.pnode.kv", "2.0.0"),
            new BundleRow(9, "ACTIVE", 80, "dev.pnode.deploy", "0.1.0"));

    @Test
    public void selectsByIdOrBySymbolicName() {
        assertEquals(7, BundleSelector.select("7", BUNDLES).id());
        assertEquals(0, BundleSelector.select("0", BUNDLES).id());
        assertEquals(9, BundleSelector.select(" dev.pnode.deploy ", BUNDLES).id());
    }

    @Test
    public void anUnknownIdSaysSo() {
        assertMessage("no bundle with ID 99 (see bundle:list)", "99");
    }

    @Test
    public void anUnknownNameSaysSo() {
        assertMessage("no bundle named 'dev.pnode.nothing' (see bundle:list)", "dev.pnode.nothing");
    }

    @Test
    public void aNameOfSeveralVersionsAsksForTheIdListingThem() {
        assertMessage("'dev.pnode.kv' names 2 bundles (7 dev.pnode.kv 1.0.0, 8 dev.pnode.kv 2.0.0): give the ID",
                "dev.pnode.kv");
    }

    @Test
    public void nothingGivenAsksForAnIdOrName() {
        assertMessage("no bundle given: pass a bundle ID or symbolic name (see bundle:list)", " ");
        assertMessage("no bundle given: pass a bundle ID or symbolic name (see bundle:list)", null);
    }

    @Test
    public void anIdTooLargeForALongIsRefused() {
        assertMessage("bundle ID 99999999999999999999 is too large", "99999999999999999999");
    }

    @Test
    public void negativeNumbersAreTakenAsNames() {
        assertMessage("no bundle named '-1' (see bundle:list)", "-1");
    }

    private static void assertMessage(String expected, String argument) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleSelector.select(argument, BUNDLES));
        assertEquals(expected, e.getMessage());
    }
}
