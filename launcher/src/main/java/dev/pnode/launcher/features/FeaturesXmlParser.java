package dev.pnode.launcher.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the subset of Apache Karaf's features XML that pnode supports and rejects everything else, so that a
 * file never silently means less than it says:
 *
 * <pre>
 * &lt;features name&gt;
 *   &lt;repository&gt;mvn:... | file: URI | path relative to this file&lt;/repository&gt;
 *   &lt;feature name version? description?&gt;
 *     &lt;feature version?&gt;NAME&lt;/feature&gt;                       (a dependency)
 *     &lt;bundle start-level? start?&gt;mvn:g/a/v[/type[/classifier]]&lt;/bundle&gt;
 * </pre>
 *
 * Elements may be in no namespace or in a Karaf features namespace ({@code http://karaf.apache.org/xmlns/features/...}).
 */
public final class FeaturesXmlParser {

    private static final String KARAF_NAMESPACE_PREFIX = "http://karaf.apache.org/xmlns/features/";
    private static final String XML_SCHEMA_INSTANCE = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String DEFAULT_VERSION = "0.0.0";

    private final Path file;
    private final XMLStreamReader xml;

    private FeaturesXmlParser(Path file, XMLStreamReader xml) {
        this.file = file;
        this.xml = xml;
    }

    /** Parses one file; the exception names the file, the line and what is wrong. */
    public static FeaturesDocument parse(Path file) throws FeaturesException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // a features file never needs a DTD; refusing them also rules out entity expansion attacks
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                return new FeaturesXmlParser(file, xml).document();
            } finally {
                xml.close();
            }
        } catch (NoSuchFileException e) {
            throw new FeaturesException("features repository " + file + " does not exist");
        } catch (IOException e) {
            throw new FeaturesException("cannot read features repository " + file + ": " + e, e);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new FeaturesException(file + (line > 0 ? ":" + line : "") + ": not a valid features XML file: "
                    + e.getMessage().replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", ""),
                    e);
        }
    }

    private FeaturesDocument document() throws XMLStreamException, FeaturesException {
        if (nextElement() != XMLStreamConstants.START_ELEMENT || !isElement("features")) {
            throw error("the root element must be <features>, found <" + xml.getLocalName() + ">");
        }
        Map<String, String> attributes = attributes("features", Set.of("name"));
        String name = required(attributes, "name", "<features>");
        List<String> repositories = new ArrayList<>();
        List<Feature> features = new ArrayList<>();
        Set<String> featureNames = new HashSet<>();
        while (nextElement() == XMLStreamConstants.START_ELEMENT) {
            if (isElement("repository")) {
                attributes("repository", Set.of());
                repositories.add(nonEmptyText("<repository>"));
            } else if (isElement("feature")) {
                int line = line();
                Feature feature = feature();
                if (!featureNames.add(feature.name())) {
                    throw new FeaturesException(file + ":" + line + ": feature '" + feature.name()
                            + "' is defined twice");
                }
                features.add(feature);
            } else {
                throw unsupportedElement("<features>", "<repository>, <feature>");
            }
        }
        return new FeaturesDocument(name, repositories, features, file);
    }

    private Feature feature() throws XMLStreamException, FeaturesException {
        Map<String, String> attributes = attributes("feature", Set.of("name", "version", "description"));
        String name = required(attributes, "name", "<feature>");
        String where = "<feature name=\"" + name + "\">";
        List<Feature.Dependency> dependencies = new ArrayList<>();
        List<BundleSpec> bundles = new ArrayList<>();
        while (nextElement() == XMLStreamConstants.START_ELEMENT) {
            if (isElement("feature")) {
                String version = attributes("feature", Set.of("version")).get("version");
                dependencies.add(new Feature.Dependency(nonEmptyText("<feature> dependency in " + where), version));
            } else if (isElement("bundle")) {
                bundles.add(bundle(where));
            } else {
                throw unsupportedElement(where, "<feature>, <bundle>");
            }
        }
        return new Feature(name, attributes.getOrDefault("version", DEFAULT_VERSION),
                attributes.getOrDefault("description", ""), dependencies, bundles, file);
    }

    private BundleSpec bundle(String where) throws XMLStreamException, FeaturesException {
        Map<String, String> attributes = attributes("bundle", Set.of("start-level", "start"));
        int line = line();
        int startLevel = BundleSpec.DEFAULT_START_LEVEL;
        String startLevelText = attributes.get("start-level");
        if (startLevelText != null) {
            try {
                startLevel = Integer.parseInt(startLevelText.strip());
            } catch (NumberFormatException e) {
                startLevel = 0;
            }
            if (startLevel < 1) {
                throw error("start-level=\"" + startLevelText + "\" of a <bundle> in " + where
                        + " must be a whole number of at least 1");
            }
        }
        boolean start = true;
        String startText = attributes.get("start");
        if (startText != null) {
            if (!startText.equals("true") && !startText.equals("false")) {
                throw error("start=\"" + startText + "\" of a <bundle> in " + where + " must be true or false");
            }
            start = Boolean.parseBoolean(startText);
        }
        String url = nonEmptyText("<bundle> in " + where);
        try {
            return new BundleSpec(MavenCoordinates.parse(url), startLevel, start);
        } catch (FeaturesException e) {
            throw new FeaturesException(file + ":" + line + ": <bundle> in " + where + ": " + e.getMessage());
        }
    }

    /** Moves to the next start or end tag, skipping comments and whitespace; text elsewhere is an error. */
    private int nextElement() throws XMLStreamException, FeaturesException {
        while (xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                    if (!isSupportedNamespace(xml.getNamespaceURI())) {
                        throw error("element <" + xml.getLocalName() + "> is in namespace '"
                                + xml.getNamespaceURI() + "'; only no namespace or Karaf's features namespace"
                                + " is supported");
                    }
                    return event;
                case XMLStreamConstants.END_ELEMENT:
                    return event;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                    if (!xml.isWhiteSpace()) {
                        throw error("unexpected text '" + xml.getText().strip() + "'");
                    }
                    break;
                case XMLStreamConstants.DTD:
                    throw error("a DOCTYPE is not allowed in a features file");
                default:
                    break; // comments, processing instructions, whitespace
            }
        }
        return XMLStreamConstants.END_DOCUMENT;
    }

    private static boolean isSupportedNamespace(String namespace) {
        return namespace == null || namespace.isEmpty() || namespace.startsWith(KARAF_NAMESPACE_PREFIX);
    }

    private boolean isElement(String localName) {
        return xml.getLocalName().equals(localName);
    }

    private Map<String, String> attributes(String element, Set<String> supported) throws FeaturesException {
        Map<String, String> attributes = new TreeMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String namespace = xml.getAttributeNamespace(i);
            if (XML_SCHEMA_INSTANCE.equals(namespace)) {
                continue; // xsi:schemaLocation and friends only help editors
            }
            String name = xml.getAttributeLocalName(i);
            if ((namespace != null && !namespace.isEmpty()) || !supported.contains(name)) {
                String prefix = xml.getAttributePrefix(i);
                String written = prefix == null || prefix.isEmpty() ? name : prefix + ":" + name;
                throw error("attribute '" + written + "' of <" + element + "> is not supported"
                        + (supported.isEmpty() ? " (it takes none)"
                                : " (supported: " + String.join(", ", new TreeSet<>(supported)) + ")"));
            }
            attributes.put(name, xml.getAttributeValue(i));
        }
        return attributes;
    }

    private String required(Map<String, String> attributes, String name, String element) throws FeaturesException {
        String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            throw error(element + " needs a non-empty '" + name + "' attribute");
        }
        return value.strip();
    }

    private String nonEmptyText(String what) throws XMLStreamException, FeaturesException {
        int line = line();
        String text;
        try {
            text = xml.getElementText().strip();
        } catch (XMLStreamException e) {
            throw new FeaturesException(file + ":" + line + ": " + what + " must contain only text");
        }
        if (text.isEmpty()) {
            throw new FeaturesException(file + ":" + line + ": " + what + " is empty");
        }
        return text;
    }

    private FeaturesException unsupportedElement(String parent, String supported) {
        return error("element <" + xml.getLocalName() + "> is not supported inside " + parent + " (supported: "
                + supported + ")");
    }

    private int line() {
        return xml.getLocation().getLineNumber();
    }

    private FeaturesException error(String message) {
        return new FeaturesException(file + ":" + line() + ": " + message);
    }
}
