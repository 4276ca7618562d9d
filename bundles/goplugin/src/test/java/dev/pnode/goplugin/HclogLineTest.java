package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;

import java.lang.System.Logger.Level;
import org.junit.Test;

public class HclogLineTest {

    private static void assertParsed(String line, Level level, String message) {
        assertEquals(new HclogLine(level, message), HclogLine.parse(line));
    }

    @Test
    public void readsAnHclogJsonLineWithModuleAndFields() {
        assertParsed("{\"@level\":\"info\",\"@message\":\"plugin started\",\"@module\":\"helloworld\","
                + "\"@timestamp\":\"2026-11-25T12:00:00.000000Z\",\"port\":10001,\"lang\":\"en\"}",
                Level.INFO, "helloworld: plugin started port=10001 lang=en");
    }

    @Test
    public void mapsEveryHclogLevel() {
        assertEquals(Level.TRACE, HclogLine.parse("{\"@level\":\"trace\",\"@message\":\"m\"}").level());
        assertEquals(Level.DEBUG, HclogLine.parse("{\"@level\":\"debug\",\"@message\":\"m\"}").level());
        assertEquals(Level.INFO, HclogLine.parse("{\"@level\":\"info\",\"@message\":\"m\"}").level());
        assertEquals(Level.WARNING, HclogLine.parse("{\"@level\":\"warn\",\"@message\":\"m\"}").level());
        assertEquals(Level.ERROR, HclogLine.parse("{\"@level\":\"error\",\"@message\":\"m\"}").level());
        assertEquals(Level.INFO, HclogLine.parse("{\"@level\":\"chatty\",\"@message\":\"m\"}").level());
    }

    @Test
    public void showsNestedFieldsAsJson() {
        assertParsed("{\"@level\":\"error\",\"@message\":\"failed\",\"error\":{\"code\":5}}", Level.ERROR,
                "failed error={\"code\":5}");
    }

    @Test
    public void readsAPlainLineAsInfo() {
        assertParsed("Listening on /tmp/x.sock", Level.INFO, "Listening on /tmp/x.sock");
    }

    @Test
    public void honoursHclogsTextPrefixes() {
        assertParsed("[WARN]  low disk", Level.WARNING, "low disk");
        assertParsed("[ERROR] broken", Level.ERROR, "broken");
        assertParsed("[DEBUG] detail", Level.DEBUG, "detail");
        assertParsed("[TRACE] detail", Level.TRACE, "detail");
        assertParsed("[INFO] hi", Level.INFO, "hi");
    }

    @Test
    public void keepsJsonThatIsNotHclogAsItIs() {
        assertParsed("{\"msg\":\"not hclog\"}", Level.INFO, "{\"msg\":\"not hclog\"}");
        assertParsed("[1,2,3]", Level.INFO, "[1,2,3]");
    }

    @Test
    public void keepsBrokenJsonAsItIs() {
        assertParsed("{\"@level\":\"info\",", Level.INFO, "{\"@level\":\"info\",");
        assertParsed("{ oops }", Level.INFO, "{ oops }");
    }

    @Test
    public void readsAGoPanicAsPlainText() {
        assertParsed("panic: runtime error: invalid memory address", Level.INFO,
                "panic: runtime error: invalid memory address");
    }
}
