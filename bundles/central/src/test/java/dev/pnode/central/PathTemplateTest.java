package dev.pnode.central;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import dev.pnode.central.internal.PathTemplate;
import org.junit.Test;

public class PathTemplateTest {

    private static final Platform LINUX_ARM = new Platform("linux", "arm64");

    @Test
    public void rendersQuorumsDefaultTemplates() {
        assertEquals("maven/bin/hello/1.0.0/hello-1.0.0-linux-arm64.zip",
                render(CentralConfig.DEFAULT_DIST_PATH_TEMPLATE));
        assertEquals("maven/bin/hello/1.0.0/hello-1.0.0-linux-arm64-sha256.checksum.asc",
                render(CentralConfig.DEFAULT_SIG_PATH_TEMPLATE));
    }

    @Test
    public void allowsSpacesInsideTheBracesAsGoDoes() {
        assertEquals("hello/1.0.0/linux/arm64", render("{{ .Name }}/{{.Version }}/{{ .OS}}/{{  .Arch  }}"));
    }

    @Test
    public void keepsTextWithoutPlaceholders() {
        assertEquals("plugins/fixed.zip", render("plugins/fixed.zip"));
    }

    @Test
    public void rejectsUnknownPlaceholdersNamingThem() {
        assertRejected("{{.Name}}-{{.Platform}}.zip", "unknown placeholder {{.Platform}}");
        assertRejected("{{.name}}.zip", "unknown placeholder {{.name}}");
        assertRejected("{{Name}}.zip", "unknown placeholder {{Name}}");
        assertRejected("{{.Name | lower}}.zip", "unknown placeholder {{.Name | lower}}");
    }

    @Test
    public void rejectsUnbalancedBraces() {
        assertRejected("{{.Name}.zip", "unbalanced");
        assertRejected("{{.Name}}}}.zip", "unbalanced");
        assertRejected("{{.Name", "unbalanced");
    }

    @Test
    public void rejectsAnEmptyTemplate() {
        assertRejected("  ", "must not be empty");
    }

    private static String render(String template) {
        return PathTemplate.parse("pluginDistPathTemplate", template).render("hello", "1.0.0", LINUX_ARM);
    }

    private static void assertRejected(String template, String expectedMessagePart) {
        try {
            PathTemplate.parse("pluginDistPathTemplate", template);
            fail("template '" + template + "' was accepted");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("pluginDistPathTemplate"));
            assertThat(e.getMessage(), containsString(expectedMessagePart));
        }
    }
}
