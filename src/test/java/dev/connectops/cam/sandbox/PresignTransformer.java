package dev.connectops.cam.sandbox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers {@code POST /cam/v1/presigned-upload-url} like Confluent Cloud, with a real SigV4 POST policy for the
 * sandbox's S3Proxy. Stubs select it by name, and their transformer parameters bend the policy for negative tests:
 * {@code expiresInSeconds} (negative: already expired), {@code minBytes}, {@code maxBytes}, {@code signingSecret}.
 */
final class PresignTransformer implements ResponseDefinitionTransformerV2 {

    static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;
    static final long DEFAULT_MIN_BYTES = 1;
    static final long DEFAULT_MAX_BYTES = 1L << 30;

    private final String uploadUrl;
    private final ConnectArtifactStore store;
    private final Clock clock;

    /** @param store learns of every upload handed out, so that an artifact can only be made from one */
    PresignTransformer(String uploadUrl, ConnectArtifactStore store, Clock clock) {
        this.uploadUrl = uploadUrl;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return Sandbox.PRESIGN_TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition stubbed = serveEvent.getResponseDefinition();
        Request request = serveEvent.getRequest();
        if (!hasSandboxCredentials(request.getHeader("Authorization"))) {
            return ApiResponses.unauthorized(stubbed);
        }
        PresignRequest presign;
        try {
            presign = PresignRequest.parse(request.getBodyAsString());
        } catch (PresignRequest.Invalid invalid) {
            return ApiResponses.errors(stubbed, 400, invalid.errors());
        }
        PolicyOptions options;
        try {
            options = PolicyOptions.from(serveEvent.getTransformerParameters());
        } catch (IllegalArgumentException badStub) {
            return ApiResponses.errors(stubbed, 500, List.of(new ApiError(500, "sandbox_misconfigured",
                    "Sandbox stub misconfigured", badStub.getMessage(), null)));
        }
        return ResponseDefinitionBuilder.like(stubbed).but()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", UUID.randomUUID().toString())
                .withHeader("X-RateLimit-Limit", "100")
                .withHeader("X-RateLimit-Remaining", "99")
                .withHeader("X-RateLimit-Reset", "60")
                .withBody(CompactJson.write(presignedUrl(presign, options)))
                .build();
    }

    private Map<String, Object> presignedUrl(PresignRequest presign, PolicyOptions options) {
        String uploadId = UUID.randomUUID().toString();
        String key = "sandbox/cam/v1/" + presign.environment() + "/connect-" + uploadId + "/plugin."
                + presign.extension();
        Instant now = clock.instant();
        PostPolicy policy = new PostPolicy(Sandbox.BUCKET, key, options.minBytes(), options.maxBytes(), now,
                now.plusSeconds(options.expiresInSeconds()));
        PostPolicySigner signer =
                new PostPolicySigner(Sandbox.S3_ACCESS_KEY, options.signingSecret(), Sandbox.S3_REGION);
        store.issued(new ConnectArtifactStore.Upload(uploadId, presign.environment(), key, presign.contentFormat()));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_version", "cam/v1");
        body.put("kind", "PresignedUrl");
        body.put("content_format", presign.contentFormat());
        body.put("cloud", presign.cloud());
        body.put("environment", presign.environment());
        body.put("upload_id", uploadId);
        body.put("upload_url", uploadUrl);
        body.put("upload_form_data", policy.formData(signer, Sandbox.S3_SESSION_TOKEN));
        return body;
    }

    static boolean hasSandboxCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] expected = (Sandbox.API_KEY + ":" + Sandbox.API_SECRET).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected);
    }

    record PolicyOptions(long expiresInSeconds, long minBytes, long maxBytes, String signingSecret) {

        static PolicyOptions from(Parameters parameters) {
            Map<String, Object> p = parameters == null ? Map.of() : parameters;
            Object secret = p.get("signingSecret");
            return new PolicyOptions(
                    longParameter(p, "expiresInSeconds", DEFAULT_EXPIRES_IN_SECONDS),
                    longParameter(p, "minBytes", DEFAULT_MIN_BYTES),
                    longParameter(p, "maxBytes", DEFAULT_MAX_BYTES),
                    secret == null ? Sandbox.S3_SECRET_KEY : secret.toString());
        }

        private static long longParameter(Map<String, Object> parameters, String name, long defaultValue) {
            Object value = parameters.get(name);
            if (value == null) {
                return defaultValue;
            }
            if (value instanceof Number n) {
                return n.longValue();
            }
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "transformer parameter " + name + " must be a whole number, not '" + value + "'");
            }
        }
    }
}
