package dev.pnode.central;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plugin zip in a Maven repository, by its coordinates. Written as Karaf and Pax URL write them:
 * {@code mvn:groupId/artifactId/version[/type[/classifier]]}, type {@code zip} by default.
 *
 * @param groupId    e.g. {@code org.example.plugins}
 * @param artifactId e.g. {@code helloworld}
 * @param version    a release ({@code 1.0.0}) or a snapshot ({@code 1.0.1-SNAPSHOT}, resolved through the
 *                   repository's {@code maven-metadata.xml})
 * @param type       the file extension, {@code zip} for plugins
 * @param classifier e.g. {@code plugin}, empty for the main artifact
 */
public record MavenArtifact(String groupId, String artifactId, String version, String type,
        Optional<String> classifier) {

    /** What a plugin zip is packed as. */
    public static final String ZIP = "zip";
    private static final String PREFIX = "mvn:";
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");

    public MavenArtifact {
        Objects.requireNonNull(classifier, "classifier");
        requirePart("groupId", groupId);
        requirePart("artifactId", artifactId);
        requirePart("version", version);
        requirePart("type", type);
        classifier.ifPresent(value -> requirePart("classifier", value));
    }

    /** {@code groupId:artifactId:version}, type zip, no classifier: how a central's groupId names a plugin. */
    public static MavenArtifact zip(String groupId, String artifactId, String version) {
        return new MavenArtifact(groupId, artifactId, version, ZIP, Optional.empty());
    }

    /**
     * Parses {@code mvn:groupId/artifactId/version[/type[/classifier]]}.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static MavenArtifact parse(String text) {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + text + "' is not mvn:groupId/artifactId/version[/type[/classifier]]");
        }
        String[] parts = text.substring(PREFIX.length()).split("/", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException("'" + text + "' must be mvn:groupId/artifactId/version[/type[/classifier]]"
                    + " (" + parts.length + " parts)");
        }
        String type = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : ZIP;
        Optional<String> classifier = parts.length > 4 && !parts[4].isEmpty() ? Optional.of(parts[4]) : Optional.empty();
        return new MavenArtifact(parts[0], parts[1], parts[2], type, classifier);
    }

    /** Whether the version is a snapshot, which the repository's {@code maven-metadata.xml} resolves. */
    public boolean isSnapshot() {
        return version.endsWith("-SNAPSHOT");
    }

    @Override
    public String toString() {
        return PREFIX + groupId + "/" + artifactId + "/" + version + "/" + type + classifier.map(c -> "/" + c).orElse("");
    }

    private static void requirePart(String what, String value) {
        if (value == null || !PART.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("Maven " + what + " '" + value + "' must be letters, digits and . _ + -"
                    + " (no '..', not empty)");
        }
    }
}
