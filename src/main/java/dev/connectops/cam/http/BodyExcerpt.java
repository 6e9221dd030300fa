package dev.connectops.cam.http;

import java.nio.charset.StandardCharsets;

/** The start of a response body that was not what we expected, fit for one line of an error message. */
public final class BodyExcerpt {
    public static final int LIMIT = 200;

    private BodyExcerpt() {
    }

    public static String of(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= LIMIT ? text : text.substring(0, LIMIT) + "…";
    }
}
