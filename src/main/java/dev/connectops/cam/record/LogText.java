package dev.connectops.cam.record;

import java.util.Locale;

/** Text from outside (file names, ids) as it may appear in a build log line that scripts read. */
public final class LogText {
    private LogText() {
    }

    /** Control characters (line breaks above all) as {@code \\uXXXX}, so that one log line stays one line. */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
