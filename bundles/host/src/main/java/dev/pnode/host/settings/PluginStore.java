package dev.pnode.host.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where plugin zips come from: the part of the plugin settings that finding and installing a provider's zip needs,
 * and all that a plugin's launch takes from the settings besides its own provider entry.
 *
 * @param baseDir the absolute directory plugin zips are found in
 * @param central where missing plugins are downloaded from, when configured
 */
public record PluginStore(Path baseDir, Optional<CentralSettings> central) {
}
