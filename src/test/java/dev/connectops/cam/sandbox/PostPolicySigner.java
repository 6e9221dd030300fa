package dev.connectops.cam.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** AWS Signature Version 4 for browser-based S3 POST uploads: the base64 policy is the string to sign. */
public final class PostPolicySigner {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String accessKey;
    private final String secretKey;
    private final String region;

    public PostPolicySigner(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /** The {@code x-amz-credential} value for a request dated {@code day} (yyyyMMdd). */
    public String credential(String day) {
        return accessKey + "/" + day + "/" + region + "/s3/aws4_request";
    }

    public byte[] signingKey(String day) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        return hmac(key, "aws4_request");
    }

    /** The {@code x-amz-signature} value: lower-case hex HMAC of the base64 policy text. */
    public String sign(String day, String policyBase64) {
        return HexFormat.of().formatHex(hmac(signingKey(day), policyBase64));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
