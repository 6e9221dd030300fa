package dev.connectops.cam.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectops.cam.api.ApiCredentials;
import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.http.ProxyLookup;
import dev.connectops.cam.record.UploadRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Connect Artifact step of {@link UploadService#upload}: a real upload to WireMock stand-ins, then the
 * create call and the polls, with a clock that moves only when the service sleeps.
 */
class UploadServiceArtifactTest {
    private static final String PRESIGN = "/cam/v1/presigned-upload-url";
    private static final String ARTIFACTS = "/cam/v1/connect-artifacts";
    private static final String SCOPE = "?spec.cloud=AWS&environment=env-abc123";
    private static final String BUCKET = "/upload-bucket";
    private static final String SECRET = "cam-secret-0123456789abcdef";
    private static final String UPLOAD_ID = "e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66";
    private static final String ID = "cca-7xq2m1";
    private static final String POLL = ARTIFACTS + "/" + ID + SCOPE;
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension s3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private final RecordingBuildLog log = new RecordingBuildLog();
    private final List<Duration> sleeps = new ArrayList<>();
    private final ManualClock clock = new ManualClock(NOW);
    private Path archive;
    private Path outputFile;

    @BeforeEach
    void uploadSucceeds() throws Exception {
        archive = dir.resolve("target/acme-smt-1.0.zip");
        Files.createDirectories(archive.getParent());
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("acme-smt-1.0/lib/acme-smt-1.0.jar"));
            zip.write("pretend this is a jar".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        outputFile = dir.resolve("target/cam-upload.json");
        String policy = Base64.getEncoder().encodeToString(("{\"expiration\":\"2026-12-03T18:55:00.000Z\","
                + "\"conditions\":[[\"content-length-range\",1,10485760]]}").getBytes(StandardCharsets.UTF_8));
        api.stubFor(post(urlEqualTo(PRESIGN)).willReturn(json(200, "{\"upload_id\":\"" + UPLOAD_ID + "\","
                + "\"upload_url\":\"http://localhost:" + s3.getPort() + BUCKET + "\",\"upload_form_data\":{"
                + "\"key\":\"staging/connect-" + UPLOAD_ID + "/plugin.zip\",\"policy\":\"" + policy + "\"}}")
                .withHeader("X-Request-Id", "req-presign")));
        byte[] md5 = MessageDigest.getInstance("MD5").digest(Files.readAllBytes(archive));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(aResponse().withStatus(204)
                .withHeader("ETag", "\"" + HexFormat.of().formatHex(md5) + "\"")));
    }

    private UploadService service() {
        return new UploadService(log, clock, wait -> {
            sleeps.add(wait);
            clock.advance(wait);
        }, () -> 0.5);
    }

    private UploadRequest request(String name, boolean waitForReady, long timeoutSeconds) {
        return new UploadRequest(archive, "target/acme-smt-1.0.zip", ContentFormat.ZIP, "env-abc123", "AWS",
                URI.create("http://localhost:" + api.getPort()), new ApiCredentials("CAMKEY0001ABCDEF", SECRET, "test"),
                Duration.ofSeconds(5), Duration.ofSeconds(5), 2, outputFile, ProxyLookup.DIRECT,
                Optional.of(new ArtifactRequest(name, "Upper-cases string record values.", waitForReady,
                        Duration.ofSeconds(timeoutSeconds))));
    }

    private UploadRequest request() {
        return request("acme-smt", true, 600);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A ConnectArtifact as staging answers it, cloud echoed in lower case. */
    private static ResponseDefinitionBuilder artifact(int status, String phase, String extraStatus) {
        return json(status, "{\"api_version\":\"cam/v1\",\"kind\":\"ConnectArtifact\",\"id\":\"" + ID + "\","
                + "\"spec\":{\"display_name\":\"acme-smt\",\"cloud\":\"aws\",\"environment\":\"env-abc123\","
                + "\"upload_source\":{\"location\":\"PRESIGNED_URL_LOCATION\",\"upload_id\":\"\"}},"
                + "\"status\":{\"phase\":\"" + phase + "\"" + extraStatus + "}}")
                .withHeader("X-Request-Id", "req-" + phase.toLowerCase());
    }

    private void createAnswers(ResponseDefinitionBuilder response) {
        api.stubFor(post(urlPathEqualTo(ARTIFACTS)).willReturn(response));
    }

    /** The polls answer these, in order; the last one repeats. */
    private void pollsAnswer(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            api.stubFor(get(urlEqualTo(POLL)).inScenario("phases").whenScenarioStateIs(pollState(i))
                    .willReturn(answers[i]).willSetStateTo(pollState(Math.min(i + 1, answers.length - 1))));
        }
    }

    private static String pollState(int poll) {
        return poll == 0 ? STARTED : "poll-" + poll;
    }

    private int polls() {
        return api.findAll(getRequestedFor(anyUrl())).size();
    }

    private JsonNode recordFile() throws IOException {
        return new ObjectMapper().readTree(outputFile.toFile());
    }

    private static List<Duration> seconds(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }

    @Test
    void createdThenWaitingThenProcessingThenReady() throws Exception {
        createAnswers(artifact(202, "WAITING_FOR_PROCESSING", ""));
        pollsAnswer(artifact(200, "WAITING_FOR_PROCESSING", ""), artifact(200, "PROCESSING", ""),
                artifact(200, "READY", ""));

        UploadRecord record = service().upload(request());

        assertEquals(ID, record.artifactId());
        assertEquals("acme-smt", record.artifactName());
        assertEquals("READY", record.artifactPhase());
        assertEquals(UPLOAD_ID, record.uploadId());
        JsonNode json = recordFile();
        assertEquals(ID, json.get("artifact_id").asText());
        assertEquals("acme-smt", json.get("artifact_name").asText());
        assertEquals("READY", json.get("artifact_phase").asText());
        assertEquals(UPLOAD_ID, json.get("upload_id").asText());

        api.verify(1, postRequestedFor(urlEqualTo(ARTIFACTS + SCOPE)));
        assertEquals("{\"spec\":{\"display_name\":\"acme-smt\",\"cloud\":\"AWS\",\"environment\":\"env-abc123\","
                + "\"description\":\"Upper-cases string record values.\",\"upload_source\":{\"location\":"
                + "\"PRESIGNED_URL_LOCATION\",\"upload_id\":\"" + UPLOAD_ID + "\"}}}",
                api.findAll(postRequestedFor(urlPathEqualTo(ARTIFACTS))).get(0).getBodyAsString());
        api.verify(3, getRequestedFor(urlEqualTo(POLL)));
        assertEquals(seconds(2, 4, 8), sleeps);
        List<String> info = log.info;
        int created = info.indexOf("Created Connect Artifact " + ID + " ('acme-smt'), phase WAITING_FOR_PROCESSING,"
                + " request id req-waiting_for_processing");
        assertTrue(created > info.indexOf("upload_id=" + UPLOAD_ID + " file=target/acme-smt-1.0.zip size="
                + Files.size(archive) + " bytes environment=env-abc123 took 0.0 s"), String.join("\n", info));
        assertEquals(List.of(
                "Waiting up to 600 s for Connect Artifact " + ID + " to be READY (now WAITING_FOR_PROCESSING).",
                "Connect Artifact " + ID + " is PROCESSING (after 6 s).",
                "Connect Artifact " + ID + " is READY (after 14 s).",
                "artifact_id=" + ID + " name='acme-smt' phase=READY environment=env-abc123"),
                info.subList(created + 1, info.size()));
        assertTrue(log.all().stream().noneMatch(line -> line.contains(SECRET)));
        assertEquals(1, log.all().stream().filter(line -> line.contains("upload_id=")).count(),
                "scripts grep the one upload_id= line");
    }

    @Test
    void unknownPhaseInBetweenKeepsWaiting() throws Exception {
        createAnswers(artifact(202, "WAITING_FOR_PROCESSING", ""));
        pollsAnswer(artifact(200, "PROCESSING", ""), artifact(200, "SCANNING", ""), artifact(200, "READY", ""));

        UploadRecord record = service().upload(request());

        assertEquals("READY", record.artifactPhase());
        assertTrue(log.info.contains("Connect Artifact " + ID + " is SCANNING (after 6 s)."), String.join("\n", log.info));
        assertEquals(3, polls());
    }

    @Test
    void failedArtifactFailsTheBuildButTheRecordShowsIt() throws Exception {
        createAnswers(artifact(202, "WAITING_FOR_PROCESSING", ""));
        pollsAnswer(artifact(200, "PROCESSING", ""),
                artifact(200, "FAILED", ",\"error_message\":\"no Connect plugin found in the archive\""));

        ArtifactNotReadyException e = assertThrows(ArtifactNotReadyException.class, () -> service().upload(request()));

        assertTrue(e.getMessage().startsWith("Connect Artifact " + ID + " ('acme-smt') FAILED (error_message: no"
                + " Connect plugin found in the archive): Confluent Cloud could not process the uploaded archive."),
                e.getMessage());
        JsonNode json = recordFile();
        assertEquals(UPLOAD_ID, json.get("upload_id").asText());
        assertEquals(ID, json.get("artifact_id").asText());
        assertEquals("FAILED", json.get("artifact_phase").asText());
        assertEquals(2, polls());
    }

    @Test
    void timeoutFailsWithTheLastPhaseSeen() throws Exception {
        createAnswers(artifact(202, "WAITING_FOR_PROCESSING", ""));
        pollsAnswer(artifact(200, "PROCESSING", ""));

        ArtifactNotReadyException e = assertThrows(ArtifactNotReadyException.class,
                () -> service().upload(request("acme-smt", true, 60)));

        assertEquals("Connect Artifact " + ID + " ('acme-smt') was not READY within 60 s (waitTimeout); its last phase"
                + " was PROCESSING. It may still become READY: check it in the Confluent Cloud Console, wait longer"
                + " with -Dcam.waitTimeout=<seconds>, or skip the wait with -Dcam.waitForReady=false.", e.getMessage());
        assertEquals(seconds(2, 4, 8, 16, 30), sleeps);
        assertEquals(5, polls());
        assertEquals("PROCESSING", recordFile().get("artifact_phase").asText());
    }

    @Test
    void nameTakenFailsWithoutPollingAndKeepsTheUploadRecord() throws Exception {
        createAnswers(json(409, "{\"errors\":[{\"status\":\"409\",\"code\":\"resource_already_exists\",\"title\":"
                + "\"Conflict\"}]}").withHeader("X-Request-Id", "req-409"));

        ApiException e = assertThrows(ApiException.class, () -> service().upload(request()));

        assertEquals("Creating Connect Artifact 'acme-smt' (POST /cam/v1/connect-artifacts) failed: HTTP 409: Conflict"
                + " (code resource_already_exists) (request id req-409). A Connect Artifact named 'acme-smt' already"
                + " exists in environment env-abc123; names are unique per cloud and environment. Choose a new name,"
                + " for example one that carries the version: <artifactName>acme-smt-${project.version}</artifactName>"
                + " or -Dcam.artifactName=acme-smt-<version>.", e.getMessage());
        api.verify(1, postRequestedFor(urlPathEqualTo(ARTIFACTS)));
        assertEquals(0, polls());
        JsonNode json = recordFile();
        assertEquals(UPLOAD_ID, json.get("upload_id").asText());
        assertFalse(json.has("artifact_id"), json.toString());
    }

    @Test
    void validationFailureShowsTheServersDetailAndPointer() {
        createAnswers(json(422, "{\"errors\":[{\"status\":\"422\",\"code\":\"invalid_configuration\",\"title\":"
                + "\"Invalid Configuration\",\"detail\":\"upload_id is unknown\",\"source\":{\"pointer\":"
                + "\"/spec/upload_source/upload_id\"}}]}").withHeader("X-Request-Id", "req-422"));

        ApiException e = assertThrows(ApiException.class, () -> service().upload(request()));

        assertEquals("Creating Connect Artifact 'acme-smt' (POST /cam/v1/connect-artifacts) failed: HTTP 422: Invalid"
                + " Configuration: upload_id is unknown (code invalid_configuration, at /spec/upload_source/upload_id)"
                + " (request id req-422)", e.getMessage());
        api.verify(1, postRequestedFor(urlPathEqualTo(ARTIFACTS)));
    }

    @Test
    void rateLimitedPollWaitsWhatTheServerAsksAndGoesOn() throws Exception {
        createAnswers(artifact(202, "WAITING_FOR_PROCESSING", ""));
        pollsAnswer(aResponse().withStatus(429).withHeader("Retry-After", "5"), artifact(200, "READY", ""));

        UploadRecord record = service().upload(request());

        assertEquals("READY", record.artifactPhase());
        assertEquals(seconds(2, 5), sleeps);
        assertEquals(2, polls());
        assertTrue(log.info.contains("Reading Connect Artifact " + ID + " failed (HTTP 429, rate limited); retry 1 of 2"
                + " in 5.0 s."), String.join("\n", log.info));
    }

    @Test
    void serverErrorOnCreateIsRetried() throws Exception {
        api.stubFor(post(urlPathEqualTo(ARTIFACTS)).inScenario("create").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        api.stubFor(post(urlPathEqualTo(ARTIFACTS)).inScenario("create").whenScenarioStateIs("up")
                .willReturn(artifact(202, "READY", "")));

        UploadRecord record = service().upload(request());

        assertEquals("READY", record.artifactPhase());
        assertEquals(seconds(1), sleeps);
        api.verify(2, postRequestedFor(urlPathEqualTo(ARTIFACTS)));
        assertEquals(0, polls());
    }

    @Test
    void notWaitingRecordsThePhaseTheCreateCallReturned() throws Exception {
        createAnswers(artifact(202, "WAITING_FOR_PROCESSING", ""));

        UploadRecord record = service().upload(request("acme-smt", false, 600));

        assertEquals("WAITING_FOR_PROCESSING", record.artifactPhase());
        assertEquals("WAITING_FOR_PROCESSING", recordFile().get("artifact_phase").asText());
        assertEquals(0, polls());
        assertEquals(List.of(), sleeps);
        assertTrue(log.info.contains("Not waiting for Connect Artifact " + ID + " to be READY (waitForReady is false)."),
                String.join("\n", log.info));
    }

    @Test
    void withoutAnArtifactNameNoArtifactCallIsMadeAndTheRecordHasNoArtifactFields() throws Exception {
        UploadRequest withName = request();
        UploadRequest plain = new UploadRequest(withName.archive(), withName.displayName(), withName.contentFormat(),
                withName.environment(), withName.cloud(), withName.apiUrl(), withName.credentials(),
                withName.connectTimeout(), withName.socketTimeout(), withName.retries(), withName.outputFile(),
                withName.proxies());

        UploadRecord record = service().upload(plain);

        assertEquals(null, record.artifactId());
        api.verify(0, anyRequestedFor(urlPathEqualTo(ARTIFACTS)));
        List<String> keys = new ArrayList<>();
        recordFile().fieldNames().forEachRemaining(keys::add);
        assertFalse(keys.stream().anyMatch(k -> k.startsWith("artifact_")), keys.toString());
    }

    @Test
    void dryRunDescribesTheArtifactAndSendsNothing() throws Exception {
        String plan = service().plan(request());

        assertTrue(plan.endsWith(", then create Connect Artifact 'acme-smt' (description 'Upper-cases string record"
                + " values.') through POST http://localhost:" + api.getPort() + ARTIFACTS + SCOPE + " and wait up to"
                + " 600 s for it to be READY; no request was sent."), plan);
        api.verify(0, anyRequestedFor(anyUrl()));
        s3.verify(0, anyRequestedFor(anyUrl()));
    }
}
