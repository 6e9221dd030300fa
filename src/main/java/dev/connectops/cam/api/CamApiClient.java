package dev.connectops.cam.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectops.cam.http.BodyExcerpt;
import dev.connectops.cam.http.Redaction;
import dev.connectops.cam.upload.PresignedPost;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The Confluent Cloud Connect Artifact Management API ({@code cam/v1}). Credentials go in an
 * Authorization header on these requests only, never in a client-wide credentials provider, so they
 * cannot follow a request to the upload host.
 */
public final class CamApiClient {
    static final String PRESIGN_PATH = "/cam/v1/presigned-upload-url";
    private static final String PRESIGN = "Requesting a presigned upload URL (POST " + PRESIGN_PATH + ")";

    private final CloseableHttpClient http;
    private final URI apiUrl;
    private final ApiCredentials credentials;
    private final Redaction redaction;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public CamApiClient(CloseableHttpClient http, URI apiUrl, ApiCredentials credentials) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.credentials = credentials;
        this.redaction = new Redaction(credentials.secretValues()).maskingJsonFields(PresignedPost.SECRET_FIELDS);
    }

    /** The endpoint a presign request goes to, for plans and messages. */
    public static URI presignEndpoint(URI apiUrl) {
        return endpoint(apiUrl, PRESIGN_PATH);
    }

    public PresignedUploadUrl presign(PresignRequest request) throws ApiException, IOException {
        HttpPost post = new HttpPost(presignEndpoint(apiUrl));
        post.setHeader(HttpHeaders.AUTHORIZATION, credentials.basicAuthorization());
        post.setHeader(HttpHeaders.ACCEPT, "application/json");
        post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(request), ContentType.APPLICATION_JSON));
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            return readPresigned(response);
        }
    }

    private PresignedUploadUrl readPresigned(ClassicHttpResponse response) throws ApiException, IOException {
        byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
        String requestId = header(response, "X-Request-Id");
        int status = response.getCode();
        if (status != 200) {
            throw failure(PRESIGN, response, body, requestId);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("the body is not JSON: " + BodyExcerpt.of(body, redaction), status, requestId);
        }
        String uploadId = text(root, "upload_id");
        String uploadUrl = text(root, "upload_url");
        JsonNode form = root.get("upload_form_data");
        if (uploadId == null || uploadId.isBlank() || uploadUrl == null || form == null || !form.isObject()) {
            throw malformed("upload_id, upload_url or upload_form_data is missing", status, requestId);
        }
        URI url;
        try {
            url = new URI(uploadUrl);
        } catch (URISyntaxException e) {
            throw malformed("upload_url is not a URL", status, requestId);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : form.properties()) {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw malformed("upload_form_data." + field.getKey() + " is not a string", status, requestId);
            }
            if (!value.isNull()) {
                fields.put(field.getKey(), value.asText());
            }
        }
        return new PresignedUploadUrl(uploadId, url, fields, requestId);
    }

    private ApiException failure(String operation, ClassicHttpResponse response, byte[] body, String requestId) {
        int status = response.getCode();
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader(HttpHeaders.LOCATION);
            String where = location == null ? "no Location" : "Location host " + hostOf(location.getValue());
            return new ApiException(operation, status, List.of(), "redirect not followed (" + where
                    + "); check apiUrl", requestId);
        }
        List<ApiError> errors = ApiErrors.parse(json, body);
        return new ApiException(operation, status, errors, errors.isEmpty() ? "body: " + BodyExcerpt.of(body, redaction) : null,
                requestId, status == 429 ? rateLimitWait(response) : Optional.empty());
    }

    /** Retry-After, else X-RateLimit-Reset; both are relative seconds in this API. */
    private static Optional<Duration> rateLimitWait(ClassicHttpResponse response) {
        for (String name : List.of("Retry-After", "X-RateLimit-Reset")) {
            String value = header(response, name);
            if (value != null && value.strip().matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            }
        }
        return Optional.empty();
    }

    /**
     * A 200 body holds form secrets, so a parsed one is never quoted; one that does not parse (an HTML
     * page, a cut-off answer) is quoted with the secret fields' values masked.
     */
    private ApiException malformed(String problem, int status, String requestId) {
        return new ApiException(PRESIGN, status, List.of(), "the answer is not a presigned URL: " + problem,
                requestId);
    }

    private static URI endpoint(URI apiUrl, String path) {
        String base = apiUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    private static String hostOf(String location) {
        try {
            String host = new URI(location).getHost();
            return host == null ? "(same host)" : host;
        } catch (URISyntaxException e) {
            return "(unreadable)";
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
