package dev.connectops.cam.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3 POST policy for one object key, and the form fields that go with it.
 * The conditions mirror what S3Proxy checks, so that a form that drops or alters a field is rejected.
 */
record PostPolicy(String bucket, String key, long minBytes, long maxBytes, Instant issuedAt, Instant expiration) {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The {@code upload_form_data} entries, in the order a client should send them. */
    Map<String, String> formData(PostPolicySigner signer, String sessionToken) {
        String amzDate = AMZ_DATE.format(issuedAt);
        String day = amzDate.substring(0, 8);
        String credential = signer.credential(day);
        String policy = Base64.getEncoder()
                .encodeToString(json(credential, amzDate, sessionToken).getBytes(StandardCharsets.UTF_8));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bucket", bucket);
        fields.put("key", key);
        fields.put("policy", policy);
        fields.put("x-amz-algorithm", PostPolicySigner.ALGORITHM);
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        fields.put("x-amz-security-token", sessionToken);
        fields.put("x-amz-signature", signer.sign(day, policy));
        return fields;
    }

    String json(String credential, String amzDate, String sessionToken) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("expiration", EXPIRATION.format(expiration));
        document.put("conditions", List.of(
                Map.of("bucket", bucket),
                Map.of("key", key),
                List.of("content-length-range", minBytes, maxBytes),
                Map.of("x-amz-algorithm", PostPolicySigner.ALGORITHM),
                Map.of("x-amz-credential", credential),
                Map.of("x-amz-date", amzDate),
                Map.of("x-amz-security-token", sessionToken)));
        return CompactJson.write(document);
    }
}
