package dev.pnode.launcher.config;

/** Allowed ranges shared by the flags and the TOML settings. */
final class SettingRanges {

    static final int VERBOSITY_MIN = 0;
    static final int VERBOSITY_MAX = 5;
    static final int LOG_MAXSIZE_MIN = 1;
    static final int LOG_MAXSIZE_MAX = 100_000;
    static final int LOG_MAXBACKUPS_MIN = 1;
    static final int LOG_MAXBACKUPS_MAX = 1000;
    static final int PORT_MIN = 1;
    static final int PORT_MAX = 65535;
    static final int STARTUP_TIMEOUT_MIN = 1;
    static final int STARTUP_TIMEOUT_MAX = 3600;

    private SettingRanges() {
    }
}
