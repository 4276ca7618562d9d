package dev.pnode.rpc.transport;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class AllowedOriginsTest {

    @Test
    public void noneByDefault() {
        assertFalse(AllowedOrigins.NONE.allows("http://localhost"));
        assertFalse(AllowedOrigins.NONE.allows(null));
        assertTrue(AllowedOrigins.NONE.isEmpty());
    }

    @Test
    public void listedOriginsIgnoringCaseAndATrailingSlash() {
        AllowedOrigins origins = AllowedOrigins.parse("https://App.example/, http://localhost:3000");
        assertTrue(origins.allows("https://app.example"));
        assertTrue(origins.allows("http://localhost:3000"));
        assertFalse(origins.allows("http://app.example"));
        assertFalse(origins.allows("https://app.example.attacker.example"));
        assertFalse(origins.allows(null));
    }

    @Test
    public void starAllowsEveryOrigin() {
        assertTrue(AllowedOrigins.parse("*").allows("https://anything.example"));
    }
}
