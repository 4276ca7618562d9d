package dev.pnode.launcher.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FeaturesXmlParserTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void readsFeaturesBundlesAndDependencies() throws Exception {
        Path file = write("<?xml version='1.0'?>\n"
                + "<!-- a comment -->\n"
                + "<features name='test'>\n"
                + "  <repository>other.xml</repository>\n"
                + "  <feature name='base' version='1.0' description='the base'>\n"
                + "    <bundle start-level='5'>mvn:g/a/1</bundle>\n"
                + "    <bundle start='false'>mvn:g/b/2/jar/tests</bundle>\n"
                + "  </feature>\n"
                + "  <feature name='top'>\n"
                + "    <feature>base</feature>\n"
                + "    <feature version='1.0'>other</feature>\n"
                + "  </feature>\n"
                + "</features>\n");

        FeaturesDocument document = FeaturesXmlParser.parse(file);

        assertEquals("test", document.name());
        assertEquals(List.of("other.xml"), document.repositories());
        Feature base = document.features().get(0);
        assertEquals("base", base.name());
        assertEquals("1.0", base.version());
        assertEquals("the base", base.description());
        assertEquals(List.of(
                new BundleSpec(MavenCoordinates.parse("mvn:g/a/1"), 5, true),
                new BundleSpec(MavenCoordinates.parse("mvn:g/b/2/jar/tests"), BundleSpec.DEFAULT_START_LEVEL, false)),
                base.bundles());
        Feature top = document.features().get(1);
        assertEquals("0.0.0", top.version());
        assertEquals(List.of(new Feature.Dependency("base", null), new Feature.Dependency("other", "1.0")),
                top.dependencies());
        assertEquals(file, top.source());
    }

    @Test
    public void acceptsKarafNamespaceAndSchemaLocation() throws Exception {
        Path file = write("<features xmlns='http://karaf.apache.org/xmlns/features/v1.6.0'"
                + " xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
                + " xsi:schemaLocation='http://karaf.apache.org/xmlns/features/v1.6.0 x.xsd' name='k'>"
                + "<feature name='f'><bundle>mvn:g/a/1</bundle></feature></features>");

        assertEquals("f", FeaturesXmlParser.parse(file).features().get(0).name());
    }

    @Test
    public void theRealFeaturesFileParsesOnceMavenFilledInTheVersions() throws Exception {
        String source = Files.readString(Path.of("../features/src/main/feature/features.xml"));

        Path file = write(source.replaceAll("\\$\\{[^}]+}", "1.0"));

        assertFalse(FeaturesXmlParser.parse(file).features().isEmpty());
    }

    @Test
    public void rejectsAnotherRootElement() throws Exception {
        assertError("<feature name='f'/>", "root element must be <features>");
    }

    @Test
    public void rejectsUnsupportedElementsNamingThemAndTheirLine() throws Exception {
        assertError("<features name='n'>\n<feature name='f'>\n<configfile finalname='x'>y</configfile>\n"
                + "</feature></features>", ":3: element <configfile> is not supported inside <feature name=\"f\">");
        assertError("<features name='n'>\n<config name='x'/></features>",
                ":2: element <config> is not supported inside <features>");
        assertError("<features name='n'><feature name='f'><bundle><x/></bundle></feature></features>",
                "must contain only text");
    }

    @Test
    public void rejectsUnsupportedAttributes() throws Exception {
        assertError("<features name='n' resolver='(obr)'/>", "attribute 'resolver' of <features> is not supported");
        assertError("<features name='n'><feature name='f' install='auto'/></features>",
                "attribute 'install' of <feature> is not supported (supported: description, name, version)");
        assertError("<features name='n'><feature name='f'><bundle dependency='true'>mvn:g/a/1</bundle></feature>"
                + "</features>", "attribute 'dependency' of <bundle> is not supported");
        assertError("<features name='n'><feature name='f'><feature prerequisite='true'>g</feature></feature>"
                + "</features>", "attribute 'prerequisite' of <feature> is not supported (supported: version)");
        assertError("<features name='n'><repository id='x'>a.xml</repository></features>",
                "attribute 'id' of <repository> is not supported (it takes none)");
    }

    @Test
    public void rejectsOtherNamespaces() throws Exception {
        assertError("<features xmlns='urn:other' name='n'/>", "namespace 'urn:other'");
        assertError("<features name='n' xmlns:o='urn:o' o:x='1'/>", "attribute 'o:x'");
    }

    @Test
    public void requiresNames() throws Exception {
        assertError("<features/>", "<features> needs a non-empty 'name'");
        assertError("<features name='n'><feature version='1'/></features>", "<feature> needs a non-empty 'name'");
        assertError("<features name='n'><feature name=' '/></features>", "<feature> needs a non-empty 'name'");
    }

    @Test
    public void rejectsAFeatureDefinedTwice() throws Exception {
        assertError("<features name='n'>\n<feature name='f'/>\n<feature name='f'/></features>",
                ":3: feature 'f' is defined twice");
    }

    @Test
    public void rejectsEmptyBundlesDependenciesAndRepositories() throws Exception {
        assertError("<features name='n'><feature name='f'><bundle> </bundle></feature></features>",
                "<bundle> in <feature name=\"f\"> is empty");
        assertError("<features name='n'><feature name='f'><feature/></feature></features>",
                "<feature> dependency in <feature name=\"f\"> is empty");
        assertError("<features name='n'><repository/></features>", "<repository> is empty");
    }

    @Test
    public void rejectsBadStartLevels() throws Exception {
        for (String level : new String[] {"abc", "0", "-1", "1.5", ""}) {
            assertError("<features name='n'><feature name='f'><bundle start-level='" + level + "'>mvn:g/a/1</bundle>"
                    + "</feature></features>", "start-level=\"" + level + "\" of a <bundle> in <feature name=\"f\">");
        }
    }

    @Test
    public void rejectsBadStartFlags() throws Exception {
        assertError("<features name='n'><feature name='f'><bundle start='yes'>mvn:g/a/1</bundle></feature></features>",
                "start=\"yes\" of a <bundle> in <feature name=\"f\"> must be true or false");
    }

    @Test
    public void rejectsBundleUrlsThatAreNotMvnNamingTheLine() throws Exception {
        assertError("<features name='n'>\n<feature name='f'>\n<bundle>file:/tmp/x.jar</bundle></feature></features>",
                ":3: <bundle> in <feature name=\"f\">: 'file:/tmp/x.jar' is not a mvn: URL");
    }

    @Test
    public void rejectsStrayText() throws Exception {
        assertError("<features name='n'>hello<feature name='f'/></features>", "unexpected text 'hello'");
        assertError("<features name='n'><feature name='f'>mvn:g/a/1</feature></features>",
                "unexpected text 'mvn:g/a/1'");
    }

    @Test
    public void rejectsMalformedXmlWithItsLine() throws Exception {
        assertError("<features name='n'>\n<feature name='f'>\n</features>", ":3: not a valid features XML file");
        assertError("", "not a valid features XML file");
    }

    @Test
    public void rejectsDoctypes() throws Exception {
        assertError("<!DOCTYPE features [<!ENTITY x 'y'>]><features name='&x;'/>", "features.xml");
    }

    @Test
    public void namesAMissingFile() {
        Path missing = temp.getRoot().toPath().resolve("nope.xml");

        FeaturesException error = assertThrows(FeaturesException.class, () -> FeaturesXmlParser.parse(missing));

        assertEquals("features repository " + missing + " does not exist", error.getMessage());
    }

    private void assertError(String xml, String expected) throws Exception {
        Path file = write(xml);
        FeaturesException error = assertThrows(FeaturesException.class, () -> FeaturesXmlParser.parse(file));
        assertTrue(error.getMessage(), error.getMessage().startsWith(file.toString()));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
    }

    private Path write(String xml) throws Exception {
        Path file = temp.getRoot().toPath().resolve("features.xml");
        Files.writeString(file, xml);
        return file;
    }
}
