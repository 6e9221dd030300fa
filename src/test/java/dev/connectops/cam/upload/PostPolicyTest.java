package dev.connectops.cam.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostPolicyTest {

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsExpirationAndNumericContentLengthRange() {
        String policy = base64("{\"expiration\":\"2026-12-03T19:00:00.000Z\",\"conditions\":[{\"bucket\":\"upload-bucket\"},"
                + "{\"key\":\"uploads/file.bin\"},[\"content-length-range\",1,10485760],"
                + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"}]}");

        PostPolicy decoded = PostPolicy.decode(policy).orElseThrow();

        assertEquals(Optional.of(Instant.parse("2026-12-03T19:00:00Z")), decoded.expiration());
        assertEquals(Optional.of(new PostPolicy.SizeRange(1, 10_485_760)), decoded.sizeRange());
    }

    @Test
    void readsContentLengthRangeGivenAsStrings() {
        String policy = base64("{\"expiration\":\"2026-12-03T19:00:00Z\",\"conditions\":"
                + "[[\"content-length-range\",\"0\",\"5368709120\"]]}");

        assertEquals(Optional.of(new PostPolicy.SizeRange(0, 5_368_709_120L)),
                PostPolicy.decode(policy).orElseThrow().sizeRange());
    }

    @Test
    void policyWithoutRangeHasOnlyAnExpiration() {
        PostPolicy decoded = PostPolicy.decode(base64("{\"expiration\":\"2026-12-03T19:00:00Z\",\"conditions\":"
                + "[[\"starts-with\",\"$key\",\"uploads/\"]]}")).orElseThrow();

        assertEquals(Optional.of(Instant.parse("2026-12-03T19:00:00Z")), decoded.expiration());
        assertEquals(Optional.empty(), decoded.sizeRange());
    }

    @Test
    void unreadableExpirationAndMalformedRangeAreLeftOut() {
        PostPolicy decoded = PostPolicy.decode(base64("{\"expiration\":\"tomorrow\",\"conditions\":"
                + "[[\"content-length-range\",\"one\",\"ten\"],[\"content-length-range\",1]]}")).orElseThrow();

        assertEquals(Optional.empty(), decoded.expiration());
        assertEquals(Optional.empty(), decoded.sizeRange());
    }

    @Test
    void policyWrappedOverSeveralBase64LinesIsRead() {
        String json = "{\"expiration\":\"2026-12-03T19:00:00.000Z\",\"conditions\":[[\"content-length-range\",10,20]]}";
        String wrapped = Base64.getMimeEncoder(16, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(wrapped.contains("\r\n"));

        assertEquals(Optional.of(new PostPolicy.SizeRange(10, 20)), PostPolicy.decode(wrapped).orElseThrow().sizeRange());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "not base64 at all!!!", "%%%%", "bm90IGpzb24=" /* "not json" */,
        "WzEsMiwzXQ==" /* [1,2,3] */, "ImEgc3RyaW5nIg==" /* "a string" */})
    void garbageGivesNoPolicy(String value) {
        assertEquals(Optional.empty(), PostPolicy.decode(value));
    }

    @Test
    void sizeRangeIsInclusiveAtBothEnds() {
        PostPolicy.SizeRange range = new PostPolicy.SizeRange(10, 20);

        assertTrue(range.admits(10));
        assertTrue(range.admits(20));
        assertFalse(range.admits(9));
        assertFalse(range.admits(21));
    }
}
