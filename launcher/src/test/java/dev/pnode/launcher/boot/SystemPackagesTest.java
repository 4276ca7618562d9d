package dev.pnode.launcher.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.jar.Attributes;
import org.junit.Test;

public class SystemPackagesTest {

    @Test
    public void exportsTheFrameworksPackagesAndTheListedJdkPackagesAtTheJdksVersion() {
        String exports = SystemPackages.exports();

        assertTrue(exports, exports.startsWith("org.osgi.framework;version="));
        assertTrue(exports, exports.contains(",javax.net.ssl;version=\"0.0.0.JavaSE_0"
                + Runtime.version().feature() + "\""));
        assertTrue(exports, !exports.contains("javax.swing"));
    }

    @Test
    public void aJdkPackageImportedButNotListedIsReported() {
        Attributes manifest = new Attributes();
        manifest.putValue("Import-Package", "javax.net.ssl,javax.swing;version=\"[0,1)\";resolution:=optional,"
                + "org.example.api,sun.misc");

        assertEquals(List.of("javax.swing"), SystemPackages.unlisted(manifest));
    }

    @Test
    public void aDynamicImportReachingUnlistedJdkPackagesIsReported() {
        Attributes manifest = new Attributes();
        manifest.putValue("DynamicImport-Package", "javax.swing.text.*,org.example.*");

        List<String> unlisted = SystemPackages.unlisted(manifest);

        assertTrue(unlisted.toString(), unlisted.contains("javax.swing.text.html"));
        assertTrue(unlisted.toString(), unlisted.stream().allMatch(name -> name.startsWith("javax.swing.text.")));
    }

    @Test
    public void packageNamesSkipAttributesAndCommasInQuotes() {
        assertEquals(List.of("a.b", "c.d", "e"),
                SystemPackages.packageNames("a.b;c.d;version=\"[1.2,2)\";uses:=\"x,y\", e ;resolution:=optional"));
        assertEquals(List.of(), SystemPackages.packageNames(null));
    }
}
