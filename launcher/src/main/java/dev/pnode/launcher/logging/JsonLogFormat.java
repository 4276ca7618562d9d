package dev.pnode.launcher.logging;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code --log.format json}: one JSON object per line, with geth's keys {@code t}, {@code lvl}, {@code msg}, plus
 * {@code logger} and, for an exception, {@code error} (its stack trace): for log shippers that parse lines.
 */
public final class JsonLogFormat extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter(192);
        try (JsonWriter json = new JsonWriter(line)) {
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("t").value(LogFormat.TIME.format(record.getInstant()));
            json.name("lvl").value(LogFormat.levelName(record.getLevel()).toLowerCase(Locale.ROOT));
            json.name("logger").value(record.getLoggerName());
            json.name("msg").value(formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                json.name("error").value(trace.toString());
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return line.append(System.lineSeparator()).toString();
    }
}
