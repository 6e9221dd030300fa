package dev.connectops.cam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** What the sandbox saw: the API's request journal and the objects S3Proxy stored. Used by src/it scripts. */
public final class SandboxRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiUrl;
    private final Path dataDir;
    private final Properties properties = new Properties();

    public SandboxRecord(String workDir) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(workDir, "sandbox.properties"))) {
            properties.load(in);
        }
        this.apiUrl = properties.getProperty("apiUrl");
        this.dataDir = Path.of(properties.getProperty("dataDir"));
    }

    public String apiKey() {
        return properties.getProperty("apiKey");
    }

    public String apiSecret() {
        return properties.getProperty("apiSecret");
    }

    /**
     * Registers a presign stub for one environment that wins over the sandbox's default stub, with
     * transformer parameters such as {@code expiresInSeconds} or {@code signingSecret}. With
     * {@code once}, it answers the first request only and the default stub answers the rest.
     */
    public void stubPresign(String environment, Map<String, Object> parameters, boolean once)
            throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "POST");
        request.put("urlPath", "/cam/v1/presigned-upload-url");
        request.put("bodyPatterns", List.of(Map.of("matchesJsonPath", "$[?(@.environment == '" + environment + "')]")));
        Map<String, Object> stub = new LinkedHashMap<>();
        stub.put("priority", 1);
        stub.put("request", request);
        stub.put("response", Map.of("transformers", List.of("cam-presign"), "transformerParameters", parameters));
        if (once) {
            stub.put("scenarioName", "once-" + environment);
            stub.put("requiredScenarioState", "Started");
            stub.put("newScenarioState", "used");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/__admin/mappings"))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(stub))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("The sandbox refused the stub: HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** The presign calls the API stub received, newest first, as WireMock serve events. */
    public List<JsonNode> presignCalls() throws IOException, InterruptedException {
        return calls("/cam/v1/presigned-upload-url");
    }

    /** The create and read calls of Connect Artifacts the API stub received, newest first. */
    public List<JsonNode> artifactCalls() throws IOException, InterruptedException {
        return calls("/cam/v1/connect-artifacts");
    }

    private List<JsonNode> calls(String pathPrefix) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/__admin/requests?limit=1000")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("The sandbox journal answered HTTP " + response.statusCode());
        }
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode event : JSON.readTree(response.body()).path("requests")) {
            if (event.path("request").path("url").asText().startsWith(pathPrefix)) {
                calls.add(event);
            }
        }
        return calls;
    }

    /** Presign calls whose request body names this environment. */
    public List<JsonNode> presignCallsFor(String environment) throws IOException, InterruptedException {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode call : presignCalls()) {
            JsonNode body = requestBody(call);
            if (body != null && environment.equals(body.path("environment").asText())) {
                matching.add(call);
            }
        }
        return matching;
    }

    /** The parsed JSON body that the plugin sent in one serve event, or null if it was not JSON. */
    public static JsonNode requestBody(JsonNode call) {
        try {
            return JSON.readTree(call.path("request").path("body").asText());
        } catch (IOException e) {
            return null;
        }
    }

    /** The parsed JSON body that the stub answered in one serve event. */
    public static JsonNode responseBody(JsonNode call) throws IOException {
        JsonNode response = call.path("response");
        String body = response.hasNonNull("body") ? response.get("body").asText()
                : new String(java.util.Base64.getDecoder().decode(response.path("bodyAsBase64").asText()),
                        java.nio.charset.StandardCharsets.UTF_8);
        return JSON.readTree(body);
    }

    /** The one object S3Proxy stored under a key that contains this upload id. */
    public Path storedObject(String uploadId) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.walk(dataDir)) {
            found = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("connect-" + uploadId + "/")
                            || p.toString().contains("connect-" + uploadId + java.io.File.separator))
                    .toList();
        }
        if (found.size() != 1) {
            throw new AssertionError("Expected one stored object for upload " + uploadId + " under " + dataDir
                    + ", found " + found);
        }
        return found.get(0);
    }
}
