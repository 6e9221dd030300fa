package dev.connectops.cam.archive;

import java.util.Locale;
import java.util.Optional;

/** The archive formats that Confluent Cloud accepts for a Connect Artifact. */
public enum ContentFormat {
    JAR,
    ZIP;

    /** The format implied by a file name's extension, in any case. */
    public static Optional<ContentFormat> fromFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jar")) {
            return Optional.of(JAR);
        }
        if (lower.endsWith(".zip")) {
            return Optional.of(ZIP);
        }
        return Optional.empty();
    }

    /** Parses a user-given value such as {@code zip}; empty when it names no known format. */
    public static Optional<ContentFormat> parse(String value) {
        for (ContentFormat format : values()) {
            if (format.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
