package dev.pnode.api.json;

/**
 * gson's parse errors, made readable. gson's messages talk to gson users: they advise parsing leniently, end with a
 * troubleshooting link, come wrapped in another exception's message, and deep in a document carry a long JSON path.
 * What is kept is what says what is wrong and where, e.g. {@code Expected ':' at line 3 column 7 (path $.providers.x)}.
 * Works on the messages' text only, so it needs no gson itself.
 */
public final class GsonMessages {

    /** Longer JSON paths are cut, with {@code ...}. */
    static final int MAX_PATH_SHOWN = 80;
    static final String MALFORMED = "malformed JSON (only strict JSON: no comments, single quotes, unquoted names,"
            + " stray commas or text after the value)";

    private GsonMessages() {
    }

    /** What is wrong and where: {@link #reason} and, when gson says it, the {@link #position}. */
    public static String describe(Throwable failure) {
        String position = position(innermost(failure).getMessage());
        return reason(failure) + (position.isEmpty() ? "" : " " + position);
    }

    /** What is wrong, without where: e.g. {@code unexpected end of input}. */
    public static String reason(Throwable failure) {
        Throwable cause = innermost(failure);
        if (cause instanceof NumberFormatException) {
            return "not a number";
        }
        String message = String.valueOf(cause.getMessage());
        if (message.startsWith("Use JsonReader.setStrictness")) {
            return MALFORMED;
        }
        int cut = message.indexOf(" at line ");
        if (cut < 0) {
            cut = message.indexOf('\n');
        }
        String reason = cut < 0 ? message : message.substring(0, cut);
        return reason.equals("End of input") ? "unexpected end of input" : reason;
    }

    /**
     * Where, from any gson text that says it (an exception's message, or a {@code JsonReader}'s {@code toString()}):
     * {@code at line 3 column 7 (path $.providers.helloworld)}; empty when the text says nowhere.
     */
    public static String position(String gsonText) {
        String text = String.valueOf(gsonText);
        int at = text.indexOf("at line ");
        if (at < 0) {
            return "";
        }
        String where = text.substring(at);
        int end = where.indexOf('\n');
        where = end < 0 ? where : where.substring(0, end);
        int path = where.indexOf(" path ");
        if (path < 0) {
            return where;
        }
        String jsonPath = where.substring(path + " path ".length());
        if (jsonPath.length() > MAX_PATH_SHOWN) {
            jsonPath = jsonPath.substring(0, MAX_PATH_SHOWN) + "...";
        }
        return where.substring(0, path) + " (path " + jsonPath + ")";
    }

    /** gson wraps the reader's exception (JsonSyntaxException around MalformedJsonException or an IOException). */
    private static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
