package dev.connectops.cam.upload;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3 browser-POST form: the URL to post to and the fields that go before the file, in the order
 * the API gave them. Field values include a signature and a session token, so {@link #toString()}
 * lists only names.
 */
public record PresignedPost(URI url, Map<String, String> fields) {
    /** Form fields whose values must never reach a log line or an error message. */
    public static final List<String> SECRET_FIELDS =
            List.of("policy", "x-amz-signature", "x-amz-credential", "x-amz-security-token");

    public PresignedPost {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The base64 policy document, if the form has one. */
    public String policy() {
        return fields.get("policy");
    }

    /** The values of {@link #SECRET_FIELDS} present in this form. */
    public List<String> secretValues() {
        return SECRET_FIELDS.stream().map(fields::get).filter(v -> v != null && !v.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "PresignedPost[url=" + url + ", fields=" + fields.keySet() + "]";
    }
}
