package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.wire.HandshakeLine;
import java.util.List;
import org.junit.Test;

/**
 * The plugin's start runs the SDK's and pnode-wire's code once each, cold: compiled with {@code -XDstringConcat=inline},
 * their string concatenations spin no method handle classes (35 before, 3 of the JDK's own after; the handshake line
 * alone took 23-74 ms of the start; BENCHMARKS.md, session 14).
 */
public class StringConcatTest {

    @Test
    public void theSdkConcatenatesWithoutInvokedynamic() {
        assertEquals(List.of(), StringConcatCheck.classesWithIndyConcat(GoPluginServer.class));
    }

    @Test
    public void pnodeWireConcatenatesWithoutInvokedynamic() {
        assertEquals(List.of(), StringConcatCheck.classesWithIndyConcat(HandshakeLine.class));
    }

    @Test
    public void theCheckFindsJavacsDefaultConcatenation() {
        // this test module is compiled with javac's default: the check must see its invokedynamic concatenation
        assertTrue(StringConcatCheck.classesWithIndyConcat(StringConcatTest.class)
                .contains("dev/pnode/sdk/StringConcatTest.class"));
    }

    @SuppressWarnings("unused") // the concatenation the check above must find
    private static String concatenated(String a, int b) {
        return a + b;
    }
}
