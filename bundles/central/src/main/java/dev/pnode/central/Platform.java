package dev.pnode.central;

import java.util.Locale;

/**
 * An operating system and architecture in Go's spelling ({@code runtime.GOOS}/{@code GOARCH}), which is what Quorum's
 * {@code <name>-<version>-<os>-<arch>.zip} names and the plugin central's path templates use.
 *
 * @param os {@code linux}, {@code darwin}, {@code windows}, ...
 * @param arch {@code amd64}, {@code arm64}, {@code 386}, ...
 */
public record Platform(String os, String arch) {

    /** The platform this JVM runs on. */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * Translates Java's {@code os.name} and {@code os.arch} into Go's names; a name Go spells the same way is only
     * lower-cased and stripped of everything but letters and digits ({@code FreeBSD} becomes {@code freebsd}).
     */
    public static Platform of(String javaOsName, String javaOsArch) {
        return new Platform(goOs(javaOsName), goArch(javaOsArch));
    }

    private static String goOs(String javaOsName) {
        String name = javaOsName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("sunos") || name.startsWith("solaris")) {
            return "solaris";
        }
        return lettersAndDigits(name);
    }

    private static String goArch(String javaOsArch) {
        String arch = javaOsArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> lettersAndDigits(arch);
        };
    }

    private static String lettersAndDigits(String name) {
        return name.replaceAll("[^a-z0-9]", "");
    }
}
