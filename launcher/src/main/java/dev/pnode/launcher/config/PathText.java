package dev.pnode.launcher.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A path as users write it in flags and settings: a plain path, {@code ~/...} (the shell does not expand
 * {@code --datadir=~/x}), or a {@code file:} URL, Quorum's form for {@code --plugins} and
 * {@code --plugins.publickey} ({@code file:///abs/path}, also {@code file:/abs/path} and {@code file:relative}).
 */
final class PathText {

    private static final String FILE_SCHEME = "file:";

    private PathText() {
    }

    /** @throws IllegalArgumentException naming the text and what is wrong with it */
    static Path parse(String text) {
        if (text.regionMatches(true, 0, FILE_SCHEME, 0, FILE_SCHEME.length())) {
            return fileUrl(text);
        }
        try {
            return Path.of(UserHome.expand(text));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid path", e);
        }
    }

    private static Path fileUrl(String text) {
        String rest = text.substring(FILE_SCHEME.length());
        if (rest.isEmpty() || rest.equals("//")) {
            throw new IllegalArgumentException("'" + text + "' names no file");
        }
        if (rest.startsWith("//") && !rest.startsWith("///")) {
            throw new IllegalArgumentException("'" + text + "' names a host; write file:///absolute/path or a plain"
                    + " path");
        }
        try {
            return rest.startsWith("///") ? Path.of(new URI(text)) : Path.of(rest);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid file URL", e);
        }
    }
}
