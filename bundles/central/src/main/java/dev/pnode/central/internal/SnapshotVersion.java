package dev.pnode.central.internal;

import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import dev.pnode.central.MavenArtifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Which file a snapshot version is, from the {@code maven-metadata.xml} beside it: a remote repository names each
 * deployed snapshot by time stamp and build number ({@code helloworld-1.0.0-20261206.013019-1.zip}), per type and
 * classifier in {@code <snapshotVersions>} (Maven 3) or once for all in {@code <snapshot>} (Maven 2); a local
 * repository ({@code <localCopy>true</localCopy>}, {@code mvn install}) keeps the {@code -SNAPSHOT} name.
 */
public final class SnapshotVersion {

    private static final String SNAPSHOT = "-SNAPSHOT";

    private SnapshotVersion() {
    }

    /**
     * @param metadata the version directory's {@code maven-metadata.xml}
     * @param source   where it came from, for messages
     * @return the version as it appears in the file name, e.g. {@code 1.0.0-20261206.013019-1}
     */
    public static String resolve(byte[] metadata, String source, MavenArtifact artifact) throws CentralException {
        Element root = parse(metadata, source).getDocumentElement();
        Element versioning = child(root, "versioning");
        Element snapshot = versioning == null ? null : child(versioning, "snapshot");
        if (snapshot != null && "true".equals(text(snapshot, "localCopy"))) {
            return artifact.version();
        }
        Element versions = versioning == null ? null : child(versioning, "snapshotVersions");
        if (versions != null) {
            NodeList entries = versions.getElementsByTagName("snapshotVersion");
            for (int i = 0; i < entries.getLength(); i++) {
                Element entry = (Element) entries.item(i);
                String classifier = text(entry, "classifier");
                if (artifact.type().equals(text(entry, "extension"))
                        && artifact.classifier().orElse("").equals(classifier == null ? "" : classifier)) {
                    return requirePlain(text(entry, "value"), source);
                }
            }
        }
        String timestamp = snapshot == null ? null : text(snapshot, "timestamp");
        String buildNumber = snapshot == null ? null : text(snapshot, "buildNumber");
        if (timestamp != null && buildNumber != null) {
            String base = artifact.version().substring(0, artifact.version().length() - SNAPSHOT.length());
            return requirePlain(base + "-" + timestamp + "-" + buildNumber, source);
        }
        throw new CentralException(Failure.NOT_FOUND, source + " lists no snapshot of " + artifact + " (no "
                + "snapshotVersion with extension " + artifact.type() + artifact.classifier().map(c -> " and classifier "
                + c).orElse("") + ", no snapshot time stamp)");
    }

    private static Document parse(byte[] metadata, String source) throws CentralException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // no DTDs, no external entities: the file comes from a server
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            return builder.parse(new ByteArrayInputStream(metadata));
        } catch (SAXException | IOException e) {
            throw new CentralException(Failure.NOT_FOUND, source + " is not Maven metadata: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses secure settings", e);
        }
    }

    private static String requirePlain(String version, String source) throws CentralException {
        if (version == null || !version.matches("[A-Za-z0-9][A-Za-z0-9._+-]*") || version.contains("..")) {
            throw new CentralException(Failure.NOT_FOUND, source + " names the snapshot '" + version
                    + "', which is not a plain version");
        }
        return version;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }
}
