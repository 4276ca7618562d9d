package dev.pnode.launcher.boot;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import org.apache.felix.framework.Logger;
import org.apache.felix.framework.util.Util;

/**
 * What the system bundle exports ({@code org.osgi.framework.system.packages}): the OSGi framework's packages and,
 * of the JDK's, only those the node's bundles import. Felix's default is every package the boot layer exports (226
 * on JDK 17): it builds that list and parses it as the system bundle's manifest at every start, and the resolver
 * then offers all of them, for 65 that anything imports (BENCHMARKS.md, figure 4, session 13). A bundle that
 * imports another JDK package does not resolve, so the build checks every bundle of features.xml against this list
 * ({@link #unlisted}, run by {@code DistributionCheck}); a bundle deployed at run time may import these only.
 */
public final class SystemPackages {

    /**
     * The JDK packages the bundles of features.xml import (Import-Package, DynamicImport-Package), besides
     * {@link FrameworkProperties#SYSTEM_PACKAGES_EXTRA}; exported only where the running JDK's boot layer exports
     * them.
     */
    static final Set<String> JDK_IMPORTS = Set.of(
            "java.awt", "java.beans", "java.io", "java.lang", "java.lang.annotation", "java.lang.invoke",
            "java.lang.management", "java.lang.ref", "java.lang.reflect", "java.lang.runtime", "java.math", "java.net",
            "java.nio", "java.nio.channels", "java.nio.channels.spi", "java.nio.charset", "java.nio.file",
            "java.nio.file.attribute", "java.nio.file.spi", "java.security", "java.security.cert",
            "java.security.interfaces", "java.security.spec", "java.sql", "java.text", "java.time", "java.time.chrono",
            "java.time.format", "java.time.temporal", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.util.concurrent.locks", "java.util.function", "java.util.jar",
            "java.util.logging", "java.util.regex", "java.util.stream", "java.util.zip",
            "javax.crypto", "javax.crypto.interfaces", "javax.crypto.spec", "javax.imageio", "javax.management",
            "javax.management.modelmbean", "javax.management.openmbean", "javax.management.remote", "javax.naming",
            "javax.naming.directory", "javax.naming.ldap", "javax.net.ssl", "javax.rmi.ssl", "javax.security.auth",
            "javax.security.auth.callback", "javax.security.auth.login", "javax.security.auth.spi",
            "javax.security.auth.x500", "javax.security.cert", "javax.sql", "javax.xml.parsers",
            "jdk.jfr", "org.ietf.jgss", "org.w3c.dom", "org.xml.sax", "org.xml.sax.helpers");

    private SystemPackages() {
    }

    /** The property's value for the running JVM. */
    static String exports() {
        // the version Felix gives the JDK's packages by default (its felix.detect.java.version)
        String version = ";version=\"0.0.0.JavaSE_" + String.valueOf(1000 + Runtime.version().feature()).substring(1)
                + "\"";
        // Felix's own list of the framework's packages, from the defaults it loads anyway
        StringBuilder exports = new StringBuilder(Util.loadDefaultProperties(new Logger()).getProperty("osgi-exports"));
        Set<String> jdk = bootLayerExports();
        for (String jdkPackage : new TreeSet<>(JDK_IMPORTS)) {
            if (jdk.contains(jdkPackage)) {
                exports.append(',').append(jdkPackage).append(version);
            }
        }
        return exports.toString();
    }

    /**
     * The packages of a bundle's imports that the system bundle would not export although the JDK has them.
     *
     * @param manifest the bundle's main manifest attributes
     */
    public static List<String> unlisted(Attributes manifest) {
        Set<String> jdk = bootLayerExports();
        Set<String> listed = new HashSet<>(JDK_IMPORTS);
        listed.addAll(List.of(FrameworkProperties.SYSTEM_PACKAGES_EXTRA.split(",")));
        List<String> unlisted = new ArrayList<>();
        for (String header : List.of("Import-Package", "DynamicImport-Package")) {
            for (String imported : packageNames(manifest.getValue(header))) {
                String prefix = imported.endsWith("*") ? imported.substring(0, imported.length() - 1) : null;
                for (String jdkPackage : jdk) {
                    boolean matches = prefix == null ? jdkPackage.equals(imported) : jdkPackage.startsWith(prefix);
                    if (matches && !listed.contains(jdkPackage)) {
                        unlisted.add(jdkPackage);
                    }
                }
            }
        }
        return unlisted;
    }

    private static Set<String> bootLayerExports() {
        Set<String> exported = new HashSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            for (ModuleDescriptor.Exports export : module.getDescriptor().exports()) {
                if (!export.isQualified()) {
                    exported.add(export.source());
                }
            }
        }
        return exported;
    }

    /** The package names of an OSGi package header: clauses split at commas outside quotes, names before attributes. */
    static List<String> packageNames(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        boolean quoted = false;
        int clauseStart = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                for (String part : header.substring(clauseStart, i).split(";")) {
                    String name = part.strip();
                    if (name.isEmpty() || name.contains("=")) {
                        break; // attributes and directives (a=b, d:=e) follow the names
                    }
                    names.add(name);
                }
                clauseStart = i + 1;
            }
        }
        return names;
    }
}
