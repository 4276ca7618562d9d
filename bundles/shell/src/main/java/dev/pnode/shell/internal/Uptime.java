package dev.pnode.shell.internal;

import java.time.Duration;

/** Durations the way people read them at a glance: the two largest units, e.g. {@code 2d 3h}, {@code 5m 7s}. */
final class Uptime {

    private Uptime() {
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + secs + "s";
        }
        return secs + "s";
    }
}
