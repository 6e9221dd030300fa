package dev.connectops.cam.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * What an S3 POST policy says about the upload: when it expires and which sizes it admits. Read so
 * that a file S3 would refuse is refused here, before its bytes are sent.
 */
public record PostPolicy(Optional<Instant> expiration, Optional<SizeRange> sizeRange) {

    /** The inclusive byte range of a {@code content-length-range} condition. */
    public record SizeRange(long min, long max) {
        public boolean admits(long size) {
            return size >= min && size <= max;
        }
    }

    /** Decodes a base64 policy document; empty when it is absent or not the JSON S3 documents. */
    public static Optional<PostPolicy> decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            byte[] json = Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
            root = new ObjectMapper().readTree(json);
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new PostPolicy(expiration(root.get("expiration")), sizeRange(root.get("conditions"))));
    }

    private static Optional<Instant> expiration(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<SizeRange> sizeRange(JsonNode conditions) {
        if (conditions == null || !conditions.isArray()) {
            return Optional.empty();
        }
        for (JsonNode condition : conditions) {
            if (condition.isArray() && condition.size() == 3
                    && "content-length-range".equalsIgnoreCase(condition.get(0).asText())
                    && isWholeNumber(condition.get(1)) && isWholeNumber(condition.get(2))) {
                return Optional.of(new SizeRange(condition.get(1).asLong(), condition.get(2).asLong()));
            }
        }
        return Optional.empty();
    }

    private static boolean isWholeNumber(JsonNode node) {
        return node.canConvertToLong() || (node.isTextual() && node.asText().matches("\\d{1,18}"));
    }
}
