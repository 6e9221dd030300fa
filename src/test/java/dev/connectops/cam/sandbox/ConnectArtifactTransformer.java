package dev.connectops.cam.sandbox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers {@code POST /cam/v1/connect-artifacts} (202, phase WAITING_FOR_PROCESSING) and
 * {@code GET /cam/v1/connect-artifacts/{id}} (the next phase on every poll) like Confluent Cloud. A create must
 * name an upload_id this sandbox handed out for that environment and whose archive landed in S3Proxy. The answers
 * echo the cloud in lower case, as Confluent's staging does. The POST stub's transformer parameter {@code phases}
 * (comma-separated) sets the phases the polls walk through; the default is PROCESSING, then READY.
 */
final class ConnectArtifactTransformer implements ResponseDefinitionTransformerV2 {

    static final String PATH = "/cam/v1/connect-artifacts";

    private final ConnectArtifactStore store;
    private final Clock clock;

    ConnectArtifactTransformer(ConnectArtifactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return Sandbox.CONNECT_ARTIFACTS_TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition stubbed = serveEvent.getResponseDefinition();
        Request request = serveEvent.getRequest();
        if (!PresignTransformer.hasSandboxCredentials(request.getHeader("Authorization"))) {
            return ApiResponses.unauthorized(stubbed);
        }
        List<ApiError> missing = new ArrayList<>();
        String cloud = queryParameter(request, "spec.cloud", missing);
        String environment = queryParameter(request, "environment", missing);
        if (!missing.isEmpty()) {
            return ApiResponses.errors(stubbed, 400, missing);
        }
        return request.getMethod().equals(RequestMethod.POST)
                ? create(serveEvent, cloud, environment)
                : read(serveEvent, cloud, environment);
    }

    private ResponseDefinition create(ServeEvent serveEvent, String cloud, String environment) {
        ResponseDefinition stubbed = serveEvent.getResponseDefinition();
        Request request = serveEvent.getRequest();
        ConnectArtifactRequest spec;
        try {
            spec = ConnectArtifactRequest.parse(request.getBodyAsString());
        } catch (ConnectArtifactRequest.Invalid invalid) {
            return ApiResponses.errors(stubbed, invalid.status(), invalid.errors());
        }
        if (!spec.cloud().equalsIgnoreCase(cloud) || !spec.environment().equals(environment)) {
            return ApiResponses.errors(stubbed, 422, List.of(ConnectArtifactRequest.invalid("/spec/environment",
                    "spec.cloud and spec.environment must match the query parameters spec.cloud and environment.")));
        }
        String pointer = "/spec/upload_source/upload_id";
        Optional<ConnectArtifactStore.Upload> upload = store.upload(spec.uploadId());
        if (upload.isEmpty()) {
            return ApiResponses.errors(stubbed, 422, List.of(ConnectArtifactRequest.invalid(pointer, "upload_id '"
                    + spec.uploadId() + "' was not issued by this API; request a presigned upload URL first.")));
        }
        if (!upload.get().environment().equals(environment)) {
            return ApiResponses.errors(stubbed, 422, List.of(ConnectArtifactRequest.invalid(pointer, "upload_id '"
                    + spec.uploadId() + "' belongs to environment " + upload.get().environment() + ".")));
        }
        if (!store.landed(upload.get())) {
            return ApiResponses.errors(stubbed, 422, List.of(ConnectArtifactRequest.invalid(pointer, "Nothing was"
                    + " uploaded for upload_id '" + spec.uploadId() + "'; POST the archive to the presigned URL first.")));
        }
        ConnectArtifactStore.Creation creation = store.create(spec, upload.get(), phases(serveEvent.getTransformerParameters()),
                clock.instant());
        String location = baseUrl(request) + PATH + "/" + creation.artifact().id();
        if (!creation.created()) {
            return ResponseDefinitionBuilder.like(ApiResponses.errors(stubbed, 409, List.of(new ApiError(409,
                    "resource_already_exists", "Conflict", "display_name must be unique per cloud, environment"
                    + " scope.", null)))).but()
                    .withHeader("Location", location)
                    .build();
        }
        return answer(stubbed, 202, creation.artifact(), creation.artifact().phase(), baseUrl(request))
                .withHeader("Location", location)
                .build();
    }

    private ResponseDefinition read(ServeEvent serveEvent, String cloud, String environment) {
        ResponseDefinition stubbed = serveEvent.getResponseDefinition();
        Request request = serveEvent.getRequest();
        String path = request.getUrl().contains("?") ? request.getUrl().substring(0, request.getUrl().indexOf('?'))
                : request.getUrl();
        String id = path.substring(path.lastIndexOf('/') + 1);
        Optional<ConnectArtifactStore.Artifact> artifact = store.find(id, cloud, environment);
        if (artifact.isEmpty()) {
            return ApiResponses.errors(stubbed, 404, List.of(new ApiError(404, "not_found", "Not Found",
                    "No Connect Artifact " + id + " in environment " + environment + ".", null)));
        }
        return answer(stubbed, 200, artifact.get(), artifact.get().poll(), baseUrl(request)).build();
    }

    private static ResponseDefinitionBuilder answer(ResponseDefinition stubbed, int status,
            ConnectArtifactStore.Artifact artifact, String phase, String baseUrl) {
        ConnectArtifactRequest spec = artifact.spec();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("self", baseUrl + PATH + "/" + artifact.id());
        metadata.put("resource_name", "crn://confluent.cloud/organization=sandbox/environment=" + spec.environment()
                + "/connect-artifact=" + artifact.id());
        metadata.put("created_at", artifact.createdAt().toString());
        Map<String, Object> specJson = new LinkedHashMap<>();
        specJson.put("cloud", spec.cloud().toLowerCase(Locale.ROOT));
        specJson.put("environment", spec.environment());
        specJson.put("display_name", spec.displayName());
        if (spec.description() != null) {
            specJson.put("description", spec.description());
        }
        specJson.put("content_format", artifact.contentFormat());
        // The API blanks upload_id in every answer.
        specJson.put("upload_source", Map.of("location", ConnectArtifactRequest.PRESIGNED_URL_LOCATION,
                "upload_id", ""));
        specJson.put("plugins", List.of());
        specJson.put("usages", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_version", "cam/v1");
        body.put("kind", "ConnectArtifact");
        body.put("id", artifact.id());
        body.put("metadata", metadata);
        body.put("spec", specJson);
        body.put("status", Map.of("phase", phase));
        return ResponseDefinitionBuilder.like(stubbed).but()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", UUID.randomUUID().toString())
                .withBody(CompactJson.write(body));
    }

    private static String queryParameter(Request request, String name, List<ApiError> missing) {
        QueryParameter parameter = request.queryParameter(name);
        if (parameter == null || !parameter.isPresent() || parameter.firstValue().isBlank()) {
            missing.add(new ApiError(400, "invalid_input", "Invalid Input", "The query parameter " + name
                    + " is required.", null));
            return null;
        }
        return parameter.firstValue();
    }

    private static List<String> phases(Parameters parameters) {
        Object value = parameters == null ? null : parameters.get("phases");
        if (value == null) {
            return ConnectArtifactStore.DEFAULT_PHASES;
        }
        List<String> phases = value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : Arrays.stream(value.toString().split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        return phases.isEmpty() ? ConnectArtifactStore.DEFAULT_PHASES : phases;
    }

    private static String baseUrl(Request request) {
        return "http://" + ConfluentApiStub.HOST + ":" + request.getPort();
    }
}
