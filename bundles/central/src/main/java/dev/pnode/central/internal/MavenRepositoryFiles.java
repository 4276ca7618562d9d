package dev.pnode.central.internal;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException;
import dev.pnode.central.MavenArtifact;
import java.net.URI;

/**
 * Where an artifact's files are in a Maven repository: {@code <group/as/path>/<artifactId>/<version>/}
 * {@code <artifactId>-<version>[-<classifier>].<type>}, with the snapshot's time-stamped version from the
 * version directory's {@code maven-metadata.xml}.
 */
public final class MavenRepositoryFiles {

    private static final String METADATA = "maven-metadata.xml";

    private MavenRepositoryFiles() {
    }

    /** The artifact's URL; for a snapshot this fetches the version directory's metadata first. */
    public static URI artifactUrl(CentralConfig config, MavenArtifact artifact) throws CentralException {
        URI directory = config.baseUrl().resolve(artifact.groupId().replace('.', '/') + "/" + artifact.artifactId()
                + "/" + artifact.version() + "/");
        String version = artifact.version();
        if (artifact.isSnapshot()) {
            URI metadata = directory.resolve(METADATA);
            version = SnapshotVersion.resolve(new CentralTransfer(config).fetch(metadata), metadata.toString(), artifact);
        }
        return directory.resolve(artifact.artifactId() + "-" + version + artifact.classifier().map(c -> "-" + c)
                .orElse("") + "." + artifact.type());
    }

    /** A file Maven writes beside the artifact, e.g. {@code .asc}, {@code .sha1}. */
    public static URI besides(URI artifactUrl, String suffix) {
        return URI.create(artifactUrl + suffix);
    }
}
