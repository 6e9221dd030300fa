package dev.connectops.cam.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectops.cam.http.AnswerDeadline;
import dev.connectops.cam.http.AnswerTooLargeException;
import dev.connectops.cam.http.BodyExcerpt;
import dev.connectops.cam.http.Redaction;
import dev.connectops.cam.record.LogText;
import dev.connectops.cam.upload.PresignedPost;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.net.URIBuilder;

/**
 * The Confluent Cloud Connect Artifact Management API ({@code cam/v1}). Credentials go in an
 * Authorization header on these requests only, never in a client-wide credentials provider, so they
 * cannot follow a request to the upload host.
 */
public final class CamApiClient {
    static final String PRESIGN_PATH = "/cam/v1/presigned-upload-url";
    static final String ARTIFACTS_PATH = "/cam/v1/connect-artifacts";
    private static final String PRESIGN = "Requesting a presigned upload URL (POST " + PRESIGN_PATH + ")";
    private static final int MAX_ANSWER = 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final long LONGEST_WAIT = 999_999_999_999L;
    private static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

    private final CloseableHttpClient http;
    private final Duration answerDeadline;
    private final URI apiUrl;
    private final ApiCredentials credentials;
    private final Redaction redaction;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public CamApiClient(CloseableHttpClient http, URI apiUrl, ApiCredentials credentials) {
        this(http, apiUrl, credentials, DEFAULT_DEADLINE);
    }

    /** @param answerDeadline how long one request may take from start to the last byte of its answer */
    public CamApiClient(CloseableHttpClient http, URI apiUrl, ApiCredentials credentials, Duration answerDeadline) {
        this.answerDeadline = answerDeadline;
        this.http = http;
        this.apiUrl = apiUrl;
        this.credentials = credentials;
        this.redaction = new Redaction(credentials.secretValues()).maskingJsonFields(PresignedPost.SECRET_FIELDS);
    }

    /** The endpoint a presign request goes to, for plans and messages. */
    public static URI presignEndpoint(URI apiUrl) {
        return endpoint(apiUrl, PRESIGN_PATH);
    }

    /** The collection that artifacts are created in, with the query both create and get require. */
    public static URI artifactsEndpoint(URI apiUrl, String cloud, String environment) {
        return scoped(new URIBuilder(endpoint(apiUrl, ARTIFACTS_PATH)), cloud, environment);
    }

    public PresignedUploadUrl presign(PresignRequest request) throws ApiException, IOException {
        HttpPost post = new HttpPost(presignEndpoint(apiUrl));
        post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(request), ContentType.APPLICATION_JSON));
        return readPresigned(send(post, PRESIGN, status -> status == 200, null));
    }

    /**
     * {@code POST /cam/v1/connect-artifacts}; the API answers 202 while it processes the archive. A 409
     * means the display name is taken in that cloud and environment, and the message says so.
     */
    public ConnectArtifact createArtifact(ConnectArtifactRequest request) throws ApiException, IOException {
        HttpPost post = new HttpPost(artifactsEndpoint(apiUrl, request.cloud(), request.environment()));
        post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(request), ContentType.APPLICATION_JSON));
        String operation = "Creating Connect Artifact '" + request.displayName() + "' (POST " + ARTIFACTS_PATH + ")";
        String[] holder = new String[1];
        Answer answer;
        try {
            answer = send(post, operation, CamApiClient::isSuccess, response -> {
                holder[0] = response.getCode() == 409 ? lastPathSegment(header(response, HttpHeaders.LOCATION)) : null;
                return nameTaken(request, response);
            });
        } catch (ApiException taken) {
            if (holder[0] == null || request.uploadId() == null) {
                throw taken;
            }
            return madeFromThisUpload(request, holder[0]).orElseThrow(() -> taken);
        }
        return readArtifact(operation, answer, null, request.cloud(), request.environment());
    }

    /**
     * The artifact holding the name, if it was made from this very upload: then an earlier attempt of this
     * create (retried after a lost answer) went through, and that artifact is the one asked for. Any failure
     * to tell leaves the name clash as it is.
     */
    private Optional<ConnectArtifact> madeFromThisUpload(ConnectArtifactRequest request, String holderId) {
        try {
            ConnectArtifact holder = artifact(holderId, request.cloud(), request.environment());
            return request.uploadId().equals(holder.uploadId()) ? Optional.of(holder) : Optional.empty();
        } catch (ApiException | IOException e) {
            return Optional.empty();
        }
    }

    /** {@code GET /cam/v1/connect-artifacts/{id}}. */
    public ConnectArtifact artifact(String id, String cloud, String environment) throws ApiException, IOException {
        URIBuilder url = new URIBuilder(endpoint(apiUrl, ARTIFACTS_PATH)).appendPathSegments(id);
        String operation = "Reading Connect Artifact " + id + " (GET " + ARTIFACTS_PATH + "/" + id + ")";
        Answer answer = send(new HttpGet(scoped(url, cloud, environment)), operation, CamApiClient::isSuccess, null);
        return readArtifact(operation, answer, id, cloud, environment);
    }

    /** One answer that had the expected status: its body and request id. */
    private record Answer(int status, byte[] body, String requestId) {
    }

    /** Produces the hint for a failure that only this operation can explain, or null for the usual one. */
    @FunctionalInterface
    private interface Hint {
        String forFailure(ClassicHttpResponse response);
    }

    private Answer send(HttpUriRequestBase request, String operation, IntPredicate expected, Hint hint)
            throws ApiException, IOException {
        request.setHeader(HttpHeaders.AUTHORIZATION, credentials.basicAuthorization());
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        AnswerDeadline deadline = AnswerDeadline.start(answerDeadline, request);
        try (deadline) {
            return exchange(request, operation, expected, hint);
        } catch (IOException e) {
            throw deadline.explain(e);
        }
    }

    /**
     * The whole body, up to {@link #MAX_ANSWER} bytes: every answer of this API is a few kilobytes, and one
     * that keeps coming is not this API. The connection is then dropped rather than drained.
     */
    private static byte[] body(ClassicHttpResponse response, HttpUriRequestBase request) throws IOException {
        if (response.getEntity() == null) {
            return new byte[0];
        }
        InputStream in = response.getEntity().getContent();
        byte[] body = in == null ? new byte[0] : in.readNBytes(MAX_ANSWER + 1);
        if (body.length > MAX_ANSWER) {
            request.cancel();
            throw new AnswerTooLargeException("the answer is larger than " + MAX_ANSWER / 1024 / 1024
                    + " MiB, which no answer of this API is");
        }
        return body;
    }

    private Answer exchange(HttpUriRequestBase request, String operation, IntPredicate expected, Hint hint)
            throws ApiException, IOException {
        try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
            byte[] body = body(response, request);
            String requestId = header(response, "X-Request-Id");
            if (!expected.test(response.getCode())) {
                String special = hint == null ? null : hint.forFailure(response);
                throw failure(operation, response, body, requestId,
                        special == null ? ApiException.hint(response.getCode()) : special);
            }
            return new Answer(response.getCode(), body, requestId);
        }
    }

    private PresignedUploadUrl readPresigned(Answer answer) throws ApiException {
        int status = answer.status();
        String requestId = answer.requestId();
        JsonNode root;
        try {
            root = json.readTree(answer.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("the body is not JSON: " + BodyExcerpt.of(answer.body(), redaction), status, requestId);
        }
        String uploadId = text(root, "upload_id");
        String uploadUrl = text(root, "upload_url");
        JsonNode form = root.get("upload_form_data");
        if (uploadId == null || uploadId.isBlank() || uploadUrl == null || form == null || !form.isObject()) {
            throw malformed("upload_id, upload_url or upload_form_data is missing", status, requestId);
        }
        if (!ID.matcher(uploadId).matches()) {
            // It goes into log lines, the record and a property: only what an id is made of is taken.
            throw malformed("upload_id '" + LogText.oneLine(uploadId) + "' is not an id (letters, digits, '-', '_',"
                    + " '.', ':')", status, requestId);
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

    private ApiException failure(String operation, ClassicHttpResponse response, byte[] body, String requestId,
            String hint) {
        int status = response.getCode();
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader(HttpHeaders.LOCATION);
            String where = location == null ? "no Location" : "Location host " + hostOf(location.getValue());
            return new ApiException(operation, status, List.of(), "redirect not followed (" + where
                    + "); check apiUrl", requestId);
        }
        List<ApiError> errors = ApiErrors.parse(json, body).stream().map(e -> e.redacted(redaction)).toList();
        return new ApiException(operation, status, errors, errors.isEmpty() ? "body: " + BodyExcerpt.of(body, redaction) : null,
                requestId, status == 429 ? rateLimitWait(response) : Optional.empty(), hint);
    }

    /** Display names are unique per cloud and environment; the 409's Location names the artifact that has it. */
    private static String nameTaken(ConnectArtifactRequest request, ClassicHttpResponse response) {
        if (response.getCode() != 409) {
            return null;
        }
        String holder = lastPathSegment(header(response, HttpHeaders.LOCATION));
        String name = request.displayName();
        return "A Connect Artifact named '" + name + "' already exists in environment " + request.environment()
                + (holder == null ? "" : " (" + holder + ")") + "; names are unique per cloud and environment."
                + " Choose a new name, for example one that carries the version: <artifactName>" + name
                + "-${project.version}</artifactName> or -Dcam.artifactName=" + name + "-<version>.";
    }

    private ConnectArtifact readArtifact(String operation, Answer answer, String expectedId, String cloud,
            String environment) throws ApiException {
        JsonNode root;
        try {
            root = json.readTree(answer.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(operation, answer.status(), List.of(), "the answer is not a Connect Artifact: "
                    + BodyExcerpt.of(answer.body(), redaction), answer.requestId());
        }
        String id = text(root, "id");
        JsonNode spec = root.path("spec");
        List<String> problems = new ArrayList<>();
        if (id == null || id.isBlank()) {
            problems.add("it has no id");
        } else if (expectedId != null && !expectedId.equals(id)) {
            problems.add("it is artifact " + id);
        }
        // Staging echoes the cloud in lower case ("aws") although AWS was sent.
        String answeredCloud = text(spec, "cloud");
        if (answeredCloud != null && !answeredCloud.equalsIgnoreCase(cloud)) {
            problems.add("it is in cloud " + answeredCloud);
        }
        String answeredEnvironment = text(spec, "environment");
        if (answeredEnvironment != null && !answeredEnvironment.equals(environment)) {
            problems.add("it is in environment " + answeredEnvironment);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(operation, answer.status(), List.of(), "the answer is not the artifact asked for ("
                    + String.join(", ", problems) + ")", answer.requestId());
        }
        JsonNode status = root.path("status");
        return new ConnectArtifact(id, text(spec, "display_name"), text(status, "phase"), statusDetail(status),
                answer.requestId(), blankToNull(text(spec.path("upload_source"), "upload_id")));
    }

    /** Every text field of {@code status} but the phase, since the API names no field for a failure's reason. */
    private String statusDetail(JsonNode status) {
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : status.properties()) {
            JsonNode value = field.getValue();
            if (!field.getKey().equals("phase") && value.isValueNode() && !value.isNull()
                    && !value.asText().isBlank()) {
                details.add(field.getKey() + ": " + redaction.apply(value.asText()));
            }
        }
        return details.isEmpty() ? null : String.join("; ", details);
    }

    /**
     * Retry-After, else X-RateLimit-Reset. This API sends relative seconds; Retry-After may also be an HTTP
     * date (RFC 9110), as gateways in front of it send. A number too large to parse is a very long wait,
     * which the retry policy declines, not a reason to retry at once.
     */
    private static Optional<Duration> rateLimitWait(ClassicHttpResponse response) {
        for (String name : List.of("Retry-After", "X-RateLimit-Reset")) {
            String value = header(response, name);
            if (value == null) {
                continue;
            }
            String text = value.strip();
            if (text.matches("\\d+")) {
                return Optional.of(Duration.ofSeconds(text.length() > 12 ? LONGEST_WAIT : Long.parseLong(text)));
            }
            if (name.equals("Retry-After")) {
                try {
                    Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(Instant.now(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    // neither form: fall through to the next header, then to the backoff
                }
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

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static URI scoped(URIBuilder url, String cloud, String environment) {
        try {
            return url.addParameter("spec.cloud", cloud).addParameter("environment", environment).build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build an API URL from " + url, e);
        }
    }

    private static String lastPathSegment(String location) {
        if (location == null) {
            return null;
        }
        try {
            String path = new URI(location.strip()).getPath();
            if (path == null || path.isEmpty() || path.endsWith("/")) {
                return null;
            }
            String id = path.substring(path.lastIndexOf('/') + 1);
            return ID.matcher(id).matches() ? id : null;
        } catch (URISyntaxException e) {
            return null;
        }
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

    /** Staging answers an empty upload_id: the same as none. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
