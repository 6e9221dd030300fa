package dev.connectops.cam.upload;

import java.util.Locale;

/** Byte counts and rates as people read them in a build log (decimal units, as network tools use). */
public final class ByteSize {
    private ByteSize() {
    }

    public static String format(long bytes) {
        if (bytes < 1_000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1_000.0);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1_000_000_000.0);
    }

    /** Bytes per second in the unit that suits them, for a transfer of {@code bytes} in {@code millis}. */
    public static String rate(long bytes, long millis) {
        return format(Math.round(bytes * 1_000.0 / Math.max(1, millis))) + "/s";
    }
}
