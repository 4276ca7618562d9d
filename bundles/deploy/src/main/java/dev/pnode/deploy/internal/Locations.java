package dev.pnode.deploy.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Turns what a user typed as LOCATION (a file path or a URL) into a bundle location URL. */
final class Locations {

    /** A URL scheme; two characters at least, so that a Windows drive ({@code C:\...}) stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Locations() {
    }

    /**
     * @param argument a path (relative to the node's working directory) or a URL such as {@code https://...}
     * @return a URL string: {@code file:} URLs for paths
     * @throws IllegalArgumentException naming what is wrong: nothing given, a missing file, a directory, a bad URL
     */
    static String toUrl(String argument) {
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("no LOCATION given: pass the path of a bundle jar or a URL");
        }
        String trimmed = argument.strip();
        if (SCHEME.matcher(trimmed).matches()) {
            URI uri = parse(trimmed);
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                checkFile(Path.of(uri), trimmed);
            }
            return uri.toString();
        }
        Path path;
        try {
            path = Path.of(trimmed).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is neither a file path nor a URL: " + e.getMessage(),
                    e);
        }
        checkFile(path, trimmed);
        return path.toUri().toString();
    }

    /** The last segment of a location's path, e.g. {@code kvstore.jar} for {@code https://host/x/kvstore.jar?a=b}. */
    static String fileName(String url) {
        String path = parse(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            throw new IllegalArgumentException("cannot tell a file name from " + url
                    + ": give a URL or path that ends with the jar's name");
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("'" + url + "' is not a URL: it has no scheme");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static void checkFile(Path path, String asGiven) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file: " + path + (asGiven.equals(path.toString()) ? ""
                    : " (from '" + asGiven + "')"));
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " is not a file: give the path of a bundle jar");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(path + " is not readable by the node's user");
        }
    }
}
