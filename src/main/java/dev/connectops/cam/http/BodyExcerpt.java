package dev.connectops.cam.http;

import java.nio.charset.StandardCharsets;

/**
 * The start of a response body that was not what we expected, fit for one line of an error message.
 * Error pages echo what was sent (headers, form fields), so secrets are removed from the whole body
 * before it is cut: cutting first could leave the start of a secret that no longer matches in full.
 */
public final class BodyExcerpt {
    public static final int LIMIT = 200;

    private BodyExcerpt() {
    }

    public static String of(byte[] body, Redaction redaction) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = redaction.apply(new String(body, StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
        return text.length() <= LIMIT ? text : text.substring(0, LIMIT) + "…";
    }
}
