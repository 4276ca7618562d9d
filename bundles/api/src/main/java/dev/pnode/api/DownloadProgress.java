package dev.pnode.api;

/**
 * Follows a plugin download, e.g. to show progress on a console. Called on the downloading thread after every
 * chunk: keep it cheap and throttle drawing yourself.
 *
 * @since 1.1
 */
@FunctionalInterface
public interface DownloadProgress {

    /** Ignores the progress. */
    DownloadProgress NONE = (url, received, total) -> { };

    /**
     * @param url what is being downloaded
     * @param received bytes received so far in this attempt (a retry starts again at 0)
     * @param total the announced size, or -1 when the server announced none
     */
    void progress(String url, long received, long total);
}
