package dev.pnode.sdk;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats log records as hclog JSON lines ({@code @level}, {@code @message}, {@code @module}, {@code @timestamp},
 * plus {@code error} for a throwable), the form go-plugin hosts parse from a plugin's stderr.
 */
final class HclogJsonFormatter extends Formatter {

    /** hclog's JSON time layout: 2006-01-02T15:04:05.000000Z07:00. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        line.append("{\"@level\":\"").append(level(record.getLevel())).append('"');
        line.append(",\"@message\":");
        appendString(line, formatMessage(record));
        line.append(",\"@module\":");
        appendString(line, record.getLoggerName() == null ? "" : record.getLoggerName());
        line.append(",\"@timestamp\":\"").append(TIMESTAMP.format(record.getInstant())).append('"');
        if (record.getThrown() != null) {
            line.append(",\"error\":");
            appendString(line, String.valueOf(record.getThrown()));
        }
        return line.append("}\n").toString();
    }

    /** hclog's level names for java.util.logging's levels. */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        if (value >= Level.FINE.intValue()) {
            return "debug";
        }
        return "trace";
    }

    static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
