package dev.pnode.host.settings;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin settings file (Quorum's {@code --plugins} JSON), validated.
 *
 * @param baseDir the absolute directory plugin zips are found in
 * @param central where missing plugins are downloaded from, when configured
 * @param providers interface key to provider, in file order
 */
public record PluginSettings(Path baseDir, Optional<CentralSettings> central, Map<String, ProviderSettings> providers) {

    public PluginSettings {
        if (!baseDir.isAbsolute()) {
            throw new IllegalArgumentException("baseDir must be absolute, was " + baseDir);
        }
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /** What a plugin's launch needs besides its provider entry. */
    public PluginStore store() {
        return new PluginStore(baseDir, central);
    }
}
