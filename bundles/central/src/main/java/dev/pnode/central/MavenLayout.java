package dev.pnode.central;

import java.util.Objects;
import java.util.Optional;

/**
 * A central that is a Maven repository (Maven Central, Nexus, Artifactory, a {@code file:} repository): a plugin
 * is an artifact in Maven's layout with the files {@code mvn deploy} and {@code maven-gpg-plugin} write beside it,
 * its detached OpenPGP signature {@code .asc} over the zip itself and its checksum {@code .sha256} or
 * {@code .sha1}; a snapshot is resolved through {@code maven-metadata.xml}.
 *
 * @param groupId the groupId of plugins named by name and version only: artifactId = name, version = version,
 *                type zip; empty when every plugin names its own {@link MavenArtifact}
 */
public record MavenLayout(Optional<String> groupId) {

    public MavenLayout {
        Objects.requireNonNull(groupId, "groupId");
        groupId.ifPresent(value -> MavenArtifact.zip(value, "check", "1"));
    }

    /** The artifact of a plugin named by name and version only. */
    public MavenArtifact artifactOf(String name, String version) throws CentralException {
        if (groupId.isEmpty()) {
            throw new CentralException(CentralException.Failure.CONFIGURATION, "plugin " + name + " " + version
                    + " names no Maven artifact and the Maven central has no groupId: give the central a groupId or"
                    + " the plugin mvn: coordinates");
        }
        return MavenArtifact.zip(groupId.get(), name, version);
    }
}
