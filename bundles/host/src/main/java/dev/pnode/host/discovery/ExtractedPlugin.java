package dev.pnode.host.discovery;

import java.nio.file.Path;

/**
 * A plugin zip unpacked into its private directory.
 *
 * @param directory the private extraction directory (0700), the process's working directory
 * @param meta the zip's plugin-meta.json
 * @param entrypoint the executable to run, inside {@code directory}
 * @param cache a private directory the plugin may write, kept with the extraction (see {@link WorkDirectories})
 */
public record ExtractedPlugin(Path directory, PluginMeta meta, Path entrypoint, Path cache) {
}
