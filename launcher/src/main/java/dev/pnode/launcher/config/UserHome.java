package dev.pnode.launcher.config;

import java.nio.file.Path;

/**
 * The user's home directory, where the default data directory lives ({@code ~/.pnode}, like geth's
 * {@code ~/.ethereum}). {@code $HOME} comes first, as for a shell and for geth: the JVM's {@code user.home} comes
 * from the password database and would ignore a {@code HOME} set for one command.
 */
public final class UserHome {

    private UserHome() {
    }

    public static Path directory() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /** {@code ~} and {@code ~/rest} name the home directory, as the shell would have expanded them. */
    public static String expand(String path) {
        if (path.equals("~")) {
            return directory().toString();
        }
        return path.startsWith("~/") ? directory().resolve(path.substring(2)).toString() : path;
    }
}
