package dev.connectops.cam.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox as the plugin meets it: presign on the API stub, then a browser-style POST to S3Proxy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxEndToEndTest {

    private static final String PRESIGN_PATH = "/cam/v1/presigned-upload-url";
    private static final String BOUNDARY = "sandbox-test-boundary-7f3a";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private SandboxServers sandbox;

    @BeforeAll
    void startSandbox(@TempDir Path workDir) throws Exception {
        String jar = System.getProperty("s3proxy.jar");
        assertNotNull(jar, "system property s3proxy.jar must name S3Proxy's jar-with-dependencies"
                + " (the build copies it to target/s3proxy/s3proxy.jar)");
        sandbox = new SandboxServers(workDir, Path.of(jar), 0, 0).start();
    }

    @AfterAll
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void presignedPostStoresTheArchive() throws Exception {
        HttpResponse<String> presigned = presign(Sandbox.API_SECRET, "ZIP", "env-e2e01");

        assertEquals(200, presigned.statusCode(), presigned.body());
        assertEquals("application/json", header(presigned, "Content-Type"));
        UUID.fromString(header(presigned, "X-Request-Id"));
        for (String name : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")) {
            Long.parseLong(header(presigned, name));
        }
        Map<String, Object> body = json(presigned.body());
        assertEquals("cam/v1", body.get("api_version"));
        assertEquals("PresignedUrl", body.get("kind"));
        assertEquals("ZIP", body.get("content_format"));
        assertEquals("AWS", body.get("cloud"));
        assertEquals("env-e2e01", body.get("environment"));
        String uploadId = UUID.fromString((String) body.get("upload_id")).toString();
        assertEquals(sandbox.uploadUrl(), body.get("upload_url"));
        Map<String, String> form = form(body);
        assertEquals(List.of("bucket", "key", "policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
                "x-amz-security-token", "x-amz-signature"), List.copyOf(form.keySet()));
        assertEquals(Sandbox.BUCKET, form.get("bucket"));
        assertEquals("sandbox/cam/v1/env-e2e01/connect-" + uploadId + "/plugin.zip", form.get("key"));
        assertEquals(Sandbox.S3_SESSION_TOKEN, form.get("x-amz-security-token"));
        String policy = new String(Base64.getDecoder().decode(form.get("policy")), StandardCharsets.UTF_8);
        assertTrue(policy.contains("[\"content-length-range\",1,1073741824]"), policy);

        byte[] archive = zip();
        HttpResponse<String> upload = upload((String) body.get("upload_url"), form, archive);

        assertEquals(204, upload.statusCode(), upload.body());
        assertEquals("\"" + hex("MD5", archive) + "\"", header(upload, "ETag"));
        Path stored = sandbox.dataDir().resolve(Sandbox.BUCKET).resolve(form.get("key"));
        assertEquals(hex("SHA-256", archive), hex("SHA-256", Files.readAllBytes(stored)));
    }

    @Test
    void wrongSecretGets401InTheApiShape() throws Exception {
        HttpResponse<String> response = presign("not-the-secret", "JAR", "env-e2e01");

        assertEquals(401, response.statusCode());
        assertEquals("Basic error=\"invalid_key\", error_description=\"The API Key is invalid\"",
                header(response, "WWW-Authenticate"));
        assertEquals("application/json", header(response, "Content-Type"));
        assertNotNull(header(response, "X-Request-Id"));
        Map<String, Object> error = firstError(response.body());
        assertEquals("401", error.get("status"));
        assertEquals("user_unauthenticated", error.get("code"));
        assertEquals("Unauthenticated", error.get("title"));
        assertNotNull(error.get("id"));
        assertNotNull(error.get("detail"));
    }

    @Test
    void invalidBodyGets400NamingTheField() throws Exception {
        HttpResponse<String> response = presign(Sandbox.API_SECRET, "JAR", "env-e2e01", "GCP");

        assertEquals(400, response.statusCode());
        Map<String, Object> error = firstError(response.body());
        assertEquals("invalid_input", error.get("code"));
        assertEquals(Map.of("pointer", "/cloud"), error.get("source"));
    }

    @Test
    void otherRoutesGet404InTheApiShape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl()
                + "/cam/v1/connect-artifacts")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals("404", firstError(response.body()).get("status"));
        assertNotNull(header(response, "X-Request-Id"));
    }

    @Test
    void journalShowsWhatTheClientSent() throws Exception {
        presign(Sandbox.API_SECRET, "JAR", "env-journal");

        HttpResponse<String> journal = http.send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl()
                + "/__admin/requests")).GET().build(), HttpResponse.BodyHandlers.ofString());

        List<Map<String, Object>> requests = list(json(journal.body()).get("requests"));
        Map<String, Object> logged = requests.stream()
                .map(event -> map(event.get("request")))
                .filter(request -> String.valueOf(request.get("body")).contains("env-journal"))
                .findFirst().orElseThrow();
        assertEquals(Map.of("content_format", "JAR", "cloud", "AWS", "environment", "env-journal"),
                json((String) logged.get("body")));
        assertEquals(basic(Sandbox.API_SECRET), map(logged.get("headers")).get("Authorization"));
    }

    @Test
    void resetKeepsTheDefaultStubs() throws Exception {
        new WireMock("127.0.0.1", sandbox.apiPort()).resetToDefaultMappings();

        assertEquals(200, presign(Sandbox.API_SECRET, "JAR", "env-after-reset").statusCode());
    }

    @ParameterizedTest(name = "{1}={2} gives {3}")
    @CsvSource(delimiter = '|', value = {
            "env-expired | expiresInSeconds | -60          | 403 | Policy expired",
            "env-small   | maxBytes         | 10           | 400 | <Code>EntityTooLarge</Code>",
            "env-badsig  | signingSecret    | wrong-secret | 403 | ''"})
    void stubParametersBendThePolicy(String environment, String parameter, String value, int status, String body)
            throws Exception {
        WireMock admin = new WireMock("127.0.0.1", sandbox.apiPort());
        StubMapping stub = admin.register(post(urlPathEqualTo(PRESIGN_PATH))
                .withRequestBody(matchingJsonPath("$.environment", equalTo(environment)))
                .willReturn(aResponse()
                        .withTransformers(Sandbox.PRESIGN_TRANSFORMER)
                        .withTransformerParameter(parameter, value.matches("-?\\d+") ? Long.valueOf(value) : value)));
        try {
            HttpResponse<String> presigned = presign(Sandbox.API_SECRET, "ZIP", environment);
            assertEquals(200, presigned.statusCode(), presigned.body());
            Map<String, Object> presignedUrl = json(presigned.body());

            HttpResponse<String> upload = upload((String) presignedUrl.get("upload_url"), form(presignedUrl), zip());

            assertEquals(status, upload.statusCode(), upload.body());
            if (body.isEmpty()) {
                assertEquals("", upload.body());
            } else {
                assertTrue(upload.body().contains(body), upload.body());
            }
        } finally {
            admin.removeStubMapping(stub);
        }
    }

    @Test
    void artifactFromAStoredUploadWalksThroughThePhasesToReady() throws Exception {
        String uploadId = presignAndUpload("env-art01");

        HttpResponse<String> created = createArtifact("env-art01", artifactBody("uppercase-smt", "env-art01", uploadId));

        assertEquals(202, created.statusCode(), created.body());
        Map<String, Object> artifact = json(created.body());
        String id = (String) artifact.get("id");
        assertTrue(id.matches("cca-[a-z0-9]{6}"), id);
        assertEquals(sandbox.apiUrl() + "/cam/v1/connect-artifacts/" + id, header(created, "Location"));
        assertNotNull(header(created, "X-Request-Id"));
        assertEquals("ConnectArtifact", artifact.get("kind"));
        Map<String, Object> spec = map(artifact.get("spec"));
        assertEquals("aws", spec.get("cloud"), "the cloud is echoed in lower case, as staging does");
        assertEquals("env-art01", spec.get("environment"));
        assertEquals("uppercase-smt", spec.get("display_name"));
        assertEquals("ZIP", spec.get("content_format"));
        assertEquals(Map.of("location", "PRESIGNED_URL_LOCATION", "upload_id", ""), spec.get("upload_source"));
        assertEquals(Map.of("phase", "WAITING_FOR_PROCESSING"), artifact.get("status"));

        assertEquals(List.of("PROCESSING", "READY", "READY"), List.of(phaseOf(readArtifact(id, "AWS", "env-art01")),
                phaseOf(readArtifact(id, "aws", "env-art01")), phaseOf(readArtifact(id, "AWS", "env-art01"))));

        HttpResponse<String> again = createArtifact("env-art01", artifactBody("uppercase-smt", "env-art01", uploadId));
        assertEquals(409, again.statusCode());
        assertEquals("resource_already_exists", firstError(again.body()).get("code"));
        assertEquals(sandbox.apiUrl() + "/cam/v1/connect-artifacts/" + id, header(again, "Location"));
    }

    @Test
    void artifactNeedsAnUploadThisApiIssuedAndWhoseArchiveLanded() throws Exception {
        Map<String, Object> presigned = json(presign(Sandbox.API_SECRET, "ZIP", "env-art02").body());
        String notUploaded = (String) presigned.get("upload_id");

        HttpResponse<String> beforeUpload = createArtifact("env-art02", artifactBody("smt", "env-art02", notUploaded));
        HttpResponse<String> unknown = createArtifact("env-art02", artifactBody("smt", "env-art02",
                UUID.randomUUID().toString()));
        HttpResponse<String> otherEnvironment = createArtifact("env-art03", artifactBody("smt", "env-art03",
                notUploaded));

        for (HttpResponse<String> refused : List.of(beforeUpload, unknown, otherEnvironment)) {
            assertEquals(422, refused.statusCode(), refused.body());
            Map<String, Object> error = firstError(refused.body());
            assertEquals("invalid_configuration", error.get("code"));
            assertEquals(Map.of("pointer", "/spec/upload_source/upload_id"), error.get("source"));
        }
        assertTrue(String.valueOf(firstError(beforeUpload.body()).get("detail")).startsWith("Nothing was uploaded"));
        assertTrue(String.valueOf(firstError(unknown.body()).get("detail")).endsWith("was not issued by this API;"
                + " request a presigned upload URL first."));
    }

    @Test
    void artifactCallsNeedTheScopeAndFindOnlyTheirEnvironment() throws Exception {
        String uploadId = presignAndUpload("env-art04");
        String id = (String) json(createArtifact("env-art04", artifactBody("smt", "env-art04", uploadId)).body())
                .get("id");

        HttpRequest noScope = HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/cam/v1/connect-artifacts/" + id))
                .header("Authorization", basic(Sandbox.API_SECRET)).GET().build();
        assertEquals(400, http.send(noScope, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, readArtifact(id, "AWS", "env-other").statusCode());
        assertEquals(404, readArtifact("cca-zzzzzz", "AWS", "env-art04").statusCode());
        HttpResponse<String> tooLong = createArtifact("env-art04", artifactBody("n".repeat(61), "env-art04", uploadId));
        assertEquals(422, tooLong.statusCode());
        assertEquals(Map.of("pointer", "/spec/display_name"), firstError(tooLong.body()).get("source"));
    }

    @Test
    void phasesParameterOfAStubMakesAFailedArtifact() throws Exception {
        WireMock admin = new WireMock("127.0.0.1", sandbox.apiPort());
        StubMapping stub = admin.register(post(urlPathEqualTo("/cam/v1/connect-artifacts"))
                .withRequestBody(matchingJsonPath("$.spec.environment", equalTo("env-artfail")))
                .willReturn(aResponse()
                        .withTransformers(Sandbox.CONNECT_ARTIFACTS_TRANSFORMER)
                        .withTransformerParameter("phases", "PROCESSING,FAILED")));
        try {
            String uploadId = presignAndUpload("env-artfail");
            String id = (String) json(createArtifact("env-artfail", artifactBody("smt", "env-artfail", uploadId))
                    .body()).get("id");

            assertEquals("PROCESSING", phaseOf(readArtifact(id, "AWS", "env-artfail")));
            assertEquals("FAILED", phaseOf(readArtifact(id, "AWS", "env-artfail")));
        } finally {
            admin.removeStubMapping(stub);
        }
    }

    private String presignAndUpload(String environment) throws Exception {
        Map<String, Object> presigned = json(presign(Sandbox.API_SECRET, "ZIP", environment).body());
        HttpResponse<String> upload = upload((String) presigned.get("upload_url"), form(presigned), zip());
        assertEquals(204, upload.statusCode(), upload.body());
        return (String) presigned.get("upload_id");
    }

    private static String artifactBody(String name, String environment, String uploadId) {
        return "{\"spec\":{\"display_name\":\"" + name + "\",\"cloud\":\"AWS\",\"environment\":\"" + environment
                + "\",\"description\":\"An SMT.\",\"upload_source\":{\"location\":\"PRESIGNED_URL_LOCATION\","
                + "\"upload_id\":\"" + uploadId + "\"}}}";
    }

    private HttpResponse<String> createArtifact(String environment, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.apiUrl()
                        + "/cam/v1/connect-artifacts?spec.cloud=AWS&environment=" + environment))
                .header("Authorization", basic(Sandbox.API_SECRET))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> readArtifact(String id, String cloud, String environment) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/cam/v1/connect-artifacts/" + id
                        + "?spec.cloud=" + cloud + "&environment=" + environment))
                .header("Authorization", basic(Sandbox.API_SECRET))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String phaseOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return (String) map(json(response.body()).get("status")).get("phase");
    }

    private HttpResponse<String> presign(String secret, String contentFormat, String environment)
            throws IOException, InterruptedException {
        return presign(secret, contentFormat, environment, "AWS");
    }

    private HttpResponse<String> presign(String secret, String contentFormat, String environment, String cloud)
            throws IOException, InterruptedException {
        String body = "{\"content_format\":\"" + contentFormat + "\",\"cloud\":\"" + cloud + "\",\"environment\":\""
                + environment + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + PRESIGN_PATH))
                .header("Authorization", basic(secret))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Every form field in the order received, then the file last, as S3 requires. */
    private HttpResponse<String> upload(String url, Map<String, String> form, byte[] file)
            throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : form.entrySet()) {
            body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plugin.zip\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write("{\"name\":\"sandbox-test\"}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String basic(String secret) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((Sandbox.API_KEY + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static Map<String, Object> firstError(String body) {
        return map(list(json(body).get("errors")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return Json.read(text, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> form(Map<String, Object> presignedUrl) {
        return (Map<String, String>) presignedUrl.get("upload_form_data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
