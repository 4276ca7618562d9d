package dev.pnode.host.discovery;

import java.util.Locale;

/**
 * The operating system and architecture in Go's spelling, as Quorum's {@code <name>-<version>-<os>-<arch>.zip}
 * names and the plugin central's path templates use them.
 *
 * @param os {@code linux}, {@code darwin}, ...
 * @param arch {@code amd64}, {@code arm64}, ...
 */
public record Platform(String os, String arch) {

    /** The platform this JVM runs on. */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** Translates Java's {@code os.name} and {@code os.arch} into Go's names. */
    public static Platform of(String javaOsName, String javaOsArch) {
        String osName = javaOsName.toLowerCase(Locale.ROOT);
        String os = osName.startsWith("mac") || osName.startsWith("darwin") ? "darwin"
                : osName.startsWith("windows") ? "windows"
                : osName.replace(" ", "");
        String arch = switch (javaOsArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> javaOsArch.toLowerCase(Locale.ROOT);
        };
        return new Platform(os, arch);
    }
}
