package dev.pnode.central.internal;

import java.util.Locale;

/**
 * Operating system and architecture in Go's spelling ({@code runtime.GOOS}/{@code GOARCH}), which is what
 * Quorum puts in plugin file names: {@code linux}/{@code darwin}/{@code windows}, {@code amd64}/{@code arm64}.
 */
public record Platform(String os, String arch) {

    public static Platform current() {
        return new Platform(goOs(System.getProperty("os.name", "")), goArch(System.getProperty("os.arch", "")));
    }

    static String goOs(String javaOsName) {
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
        return name.replaceAll("[^a-z0-9]", "");
    }

    static String goArch(String javaOsArch) {
        String arch = javaOsArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "amd64";
            case "aarch64":
            case "arm64":
                return "arm64";
            case "x86":
            case "i386":
            case "i686":
                return "386";
            default:
                return arch.replaceAll("[^a-z0-9]", "");
        }
    }
}
