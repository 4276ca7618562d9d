package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.Test;

public class ProtocolVersionsTest {

    private static int negotiate(List<Integer> ours, String host) {
        return ProtocolVersions.negotiate(new TreeSet<>(ours), host);
    }

    @Test
    public void picksTheHighestVersionBothSpeak() {
        assertEquals(2, negotiate(List.of(1, 2, 3), "1,2"));
        assertEquals(3, negotiate(List.of(1, 2, 3), "3,1"));
    }

    @Test
    public void servesOurOnlyVersionWhenTheHostSpeaksIt() {
        assertEquals(1, negotiate(List.of(1), "1"));
    }

    @Test
    public void answersOurLowestVersionWhenThereIsNoCommonOneSoTheHostCanRefuse() {
        assertEquals(4, negotiate(List.of(4, 5), "1,2"));
    }

    @Test
    public void answersOurLowestVersionWhenTheHostSentNone() {
        assertEquals(2, negotiate(List.of(2, 3), null));
        assertEquals(2, negotiate(List.of(2, 3), ""));
    }

    @Test
    public void skipsEntriesThatAreNotNumbers() {
        assertEquals(List.of(1, 3), ProtocolVersions.parse("1,x,,3"));
        assertEquals(3, negotiate(List.of(1, 3), "x,3"));
    }

    @Test
    public void toleratesSpacesAroundVersions() {
        assertEquals(List.of(1, 2), ProtocolVersions.parse(" 1 , 2"));
    }
}
