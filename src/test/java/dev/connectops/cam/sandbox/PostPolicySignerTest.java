package dev.connectops.cam.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The known-answer vector of reference/s3-test-server.md §4, computed there with Python and with openssl. */
class PostPolicySignerTest {

    private static final String POLICY_JSON = "{\"expiration\":\"2026-12-03T19:00:00.000Z\",\"conditions\":["
            + "{\"bucket\":\"upload-bucket\"},{\"key\":\"uploads/file.bin\"},[\"content-length-range\",1,10485760],"
            + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
            + "{\"x-amz-credential\":\"test-access-key/20261203/us-east-1/s3/aws4_request\"},"
            + "{\"x-amz-date\":\"20261203T180000Z\"},{\"x-amz-security-token\":\"test-session-token\"}]}";
    private static final String K_SIGNING = "8900e0b5a8ffecf21ccc5c265c9feeef17b97acc522b32619ca0958ee8d7c658";
    private static final String SIGNATURE = "973938866ff1e965b2fd98e31ce664d7abbdd962a2b981adb1effe0840e630e9";

    private final PostPolicySigner signer = new PostPolicySigner("test-access-key", "test-secret-key", "us-east-1");

    @Test
    void derivesTheSigningKey() {
        assertEquals(K_SIGNING, HexFormat.of().formatHex(signer.signingKey("20261203")));
    }

    @Test
    void signsTheBase64Policy() {
        String policy = Base64.getEncoder().encodeToString(POLICY_JSON.getBytes(StandardCharsets.UTF_8));
        assertEquals(SIGNATURE, signer.sign("20261203", policy));
    }

    @Test
    void buildsTheReferenceFormFromItsParts() {
        PostPolicy policy = new PostPolicy("upload-bucket", "uploads/file.bin", 1, 10_485_760,
                Instant.parse("2026-12-03T18:00:00Z"), Instant.parse("2026-12-03T19:00:00Z"));

        Map<String, String> form = policy.formData(signer, "test-session-token");

        assertEquals(List.of("bucket", "key", "policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
                "x-amz-security-token", "x-amz-signature"), List.copyOf(form.keySet()));
        assertEquals(POLICY_JSON, new String(Base64.getDecoder().decode(form.get("policy")), StandardCharsets.UTF_8));
        assertEquals("test-access-key/20261203/us-east-1/s3/aws4_request", form.get("x-amz-credential"));
        assertEquals("20261203T180000Z", form.get("x-amz-date"));
        assertEquals(SIGNATURE, form.get("x-amz-signature"));
    }
}
