package dev.pnode.central;

import java.net.URI;

/**
 * Follows a zip download, e.g. to draw progress on an interactive console ({@code plugin:install}). Called on
 * the downloading thread after every chunk (tens of kilobytes): keep it cheap and throttle drawing yourself.
 * The log gets progress lines regardless.
 */
@FunctionalInterface
public interface DownloadListener {

    /** Does nothing. */
    DownloadListener NONE = (url, received, total) -> { };

    /**
     * @param url      what is being downloaded
     * @param received bytes so far in this attempt (a retry starts again at 0)
     * @param total    the announced size, or -1 when the server did not announce one
     */
    void progress(URI url, long received, long total);
}
