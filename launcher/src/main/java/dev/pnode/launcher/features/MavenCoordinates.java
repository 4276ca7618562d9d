package dev.pnode.launcher.features;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Karaf/Pax URL {@code mvn:groupId/artifactId/version[/type[/classifier]]}, limited to what a local
 * repository can answer: no remote repository prefix ({@code mvn:http://repo!g/a/v}), no version ranges,
 * no {@code LATEST}/{@code RELEASE}.
 *
 * @param groupId e.g. {@code org.apache.felix}
 * @param artifactId e.g. {@code org.apache.felix.scr}
 * @param version an exact version, e.g. {@code 2.2.18} or {@code 0.1.0-SNAPSHOT}
 * @param type the file extension, {@code jar} by default
 * @param classifier empty when absent
 */
public record MavenCoordinates(String groupId, String artifactId, String version, String type, String classifier) {

    private static final String SCHEME = "mvn:";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /** Parses a {@code mvn:} URL; the message of the exception says what is wrong with it. */
    public static MavenCoordinates parse(String url) throws FeaturesException {
        String text = url.strip();
        if (!text.startsWith(SCHEME)) {
            throw new FeaturesException("'" + url + "' is not a mvn: URL (expected mvn:groupId/artifactId/version)");
        }
        String path = text.substring(SCHEME.length());
        if (path.contains("!")) {
            throw new FeaturesException("'" + url + "' names a remote repository; only the distribution's system/"
                    + " repository is used, write mvn:groupId/artifactId/version");
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 3 || segments.length > 5) {
            throw new FeaturesException("'" + url + "' must have 3 to 5 parts:"
                    + " mvn:groupId/artifactId/version[/type[/classifier]]");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new FeaturesException("'" + url + "' has an invalid part '" + segment + "'"
                        + " (letters, digits, '.', '-', '_' only; version ranges are not supported)");
            }
        }
        String version = segments[2];
        if (version.equals("LATEST") || version.equals("RELEASE")) {
            throw new FeaturesException("'" + url + "' must name an exact version, not " + version);
        }
        String type = segments.length > 3 ? segments[3] : "jar";
        String classifier = segments.length > 4 ? segments[4] : "";
        return new MavenCoordinates(segments[0], segments[1], version, type, classifier);
    }

    /** The file's path relative to the root of a repository in Maven layout. */
    public Path repositoryPath() {
        String fileName = artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
        return Path.of(groupId.replace('.', '/'), artifactId, version, fileName);
    }

    /**
     * Written out, as is {@link #hashCode}: the record's generated ones link through an invokedynamic bootstrap ({@code
     * ObjectMethods}) on their first call, 25-38 ms of the launcher's main thread at every start in a cold JVM together
     * with {@link BundleSpec}'s, and bundles are looked up by their coordinates before the framework starts
     * (BENCHMARKS.md, figure 4, session 17).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof MavenCoordinates that && Objects.equals(groupId, that.groupId)
                && Objects.equals(artifactId, that.artifactId) && Objects.equals(version, that.version)
                && Objects.equals(type, that.type) && Objects.equals(classifier, that.classifier);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hashCode(groupId);
        hash = 31 * hash + Objects.hashCode(artifactId);
        hash = 31 * hash + Objects.hashCode(version);
        hash = 31 * hash + Objects.hashCode(type);
        return 31 * hash + Objects.hashCode(classifier);
    }

    @Override
    public String toString() {
        StringBuilder url = new StringBuilder(SCHEME).append(groupId).append('/').append(artifactId).append('/')
                .append(version);
        if (!type.equals("jar") || !classifier.isEmpty()) {
            url.append('/').append(type);
        }
        if (!classifier.isEmpty()) {
            url.append('/').append(classifier);
        }
        return url.toString();
    }
}
