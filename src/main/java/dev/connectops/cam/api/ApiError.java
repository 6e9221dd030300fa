package dev.connectops.cam.api;

import dev.connectops.cam.http.Redaction;

/** One entry of a Confluent {@code errors[]} array (or the single {@code error} of the newer style). */
public record ApiError(String status, String code, String title, String detail, String sourcePointer) {

    /**
     * This error with every field passed through the redaction: a server (or a proxy in front of it) may
     * echo the Authorization header or the secret in its error text.
     */
    public ApiError redacted(Redaction redaction) {
        return new ApiError(apply(redaction, status), apply(redaction, code), apply(redaction, title),
                apply(redaction, detail), apply(redaction, sourcePointer));
    }

    private static String apply(Redaction redaction, String value) {
        return value == null ? null : redaction.apply(value);
    }

    /** "title: detail (code …, at /pointer)", leaving out what the server did not send. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, title);
        if (detail != null && !detail.isBlank() && !detail.equals(title)) {
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(detail);
        }
        StringBuilder extra = new StringBuilder();
        if (code != null && !code.isBlank()) {
            extra.append("code ").append(code);
        }
        if (sourcePointer != null && !sourcePointer.isBlank()) {
            if (extra.length() > 0) {
                extra.append(", ");
            }
            extra.append("at ").append(sourcePointer);
        }
        if (extra.length() > 0) {
            text.append(text.length() > 0 ? " (" : "(").append(extra).append(')');
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String value) {
        if (value != null && !value.isBlank()) {
            text.append(value);
        }
    }
}
