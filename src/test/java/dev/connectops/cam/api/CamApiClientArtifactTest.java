package dev.connectops.cam.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectops.cam.http.HttpClientFactory;
import dev.connectops.cam.http.ProxyLookup;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connect-artifacts calls of {@link CamApiClient}: create (POST, 202) and get (GET by id). */
class CamApiClientArtifactTest {
    private static final String PATH = "/cam/v1/connect-artifacts";
    private static final String QUERY = "?spec.cloud=AWS&environment=env-abc123";
    private static final String KEY = "CAMKEY0001ABCDEF";
    private static final String SECRET = "cam-secret-0123456789abcdef";
    private static final String UPLOAD_ID = "e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66";
    private static final String CREATE = "Creating Connect Artifact 'uppercase-smt' (POST /cam/v1/connect-artifacts)";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private CloseableHttpClient http;

    @BeforeEach
    void openClient() {
        http = new HttpClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(5), ProxyLookup.DIRECT).create();
    }

    @AfterEach
    void closeClient() throws IOException {
        http.close();
    }

    private CamApiClient client() {
        return new CamApiClient(http, URI.create("http://localhost:" + api.getPort()),
                new ApiCredentials(KEY, SECRET, "test"));
    }

    private static ConnectArtifactRequest request(String description) {
        return ConnectArtifactRequest.fromUpload("uppercase-smt", "AWS", "env-abc123", description, UPLOAD_ID);
    }

    /** A cam.v1.ConnectArtifact as staging answers it: cloud echoed in lower case, upload_id blanked. */
    static String artifactBody(String id, String phase, String extraStatus) {
        return "{\"api_version\":\"cam/v1\",\"kind\":\"ConnectArtifact\",\"id\":\"" + id + "\","
                + "\"metadata\":{\"self\":\"https://api.confluent.cloud/cam/v1/connect-artifacts/" + id + "\"},"
                + "\"spec\":{\"display_name\":\"uppercase-smt\",\"cloud\":\"aws\",\"environment\":\"env-abc123\","
                + "\"content_format\":\"ZIP\",\"upload_source\":{\"location\":\"PRESIGNED_URL_LOCATION\","
                + "\"upload_id\":\"\"},\"usages\":[]},"
                + "\"status\":{\"phase\":\"" + phase + "\"" + extraStatus + "}}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void createPostsTheDocumentedBodyWithTheScopeInTheQueryAndReadsThe202() throws Exception {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(202, artifactBody("cca-7xq2m1", "WAITING_FOR_PROCESSING",
                "")).withHeader("X-Request-Id", "req-create")
                .withHeader("Location", "https://api.confluent.cloud/cam/v1/connect-artifacts/cca-7xq2m1")));

        ConnectArtifact created = client().createArtifact(request("Upper-cases string record values."));

        assertEquals(new ConnectArtifact("cca-7xq2m1", "uppercase-smt", "WAITING_FOR_PROCESSING", null, "req-create"),
                created);
        String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        api.verify(1, postRequestedFor(urlEqualTo(PATH + QUERY)).withHeader("Authorization", equalTo(basic))
                .withHeader("Accept", equalTo("application/json")));
        LoggedRequest sent = api.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertEquals("application/json", sent.contentTypeHeader().mimeTypePart());
        assertEquals("{\"spec\":{\"display_name\":\"uppercase-smt\",\"cloud\":\"AWS\",\"environment\":\"env-abc123\","
                + "\"description\":\"Upper-cases string record values.\",\"upload_source\":{\"location\":"
                + "\"PRESIGNED_URL_LOCATION\",\"upload_id\":\"" + UPLOAD_ID + "\"}}}", sent.getBodyAsString());
    }

    @Test
    void createWithoutADescriptionLeavesTheFieldOut() throws Exception {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(202, artifactBody("cca-1", "WAITING_FOR_PROCESSING", ""))));

        client().createArtifact(request(null));

        assertEquals("{\"spec\":{\"display_name\":\"uppercase-smt\",\"cloud\":\"AWS\",\"environment\":\"env-abc123\","
                + "\"upload_source\":{\"location\":\"PRESIGNED_URL_LOCATION\",\"upload_id\":\"" + UPLOAD_ID + "\"}}}",
                api.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString());
    }

    @Test
    void nameTakenSaysSoNamesTheHolderAndSuggestsAVersionedName() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(409, "{\"errors\":[{\"status\":\"409\",\"code\":"
                + "\"resource_already_exists\",\"title\":\"Conflict\",\"detail\":\"A connect artifact with this name"
                + " already exists\"}]}").withHeader("X-Request-Id", "req-409")
                .withHeader("Location", "https://api.confluent.cloud/cam/v1/connect-artifacts/cca-older1")));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertEquals(409, e.status());
        assertEquals(CREATE + " failed: HTTP 409: Conflict: A connect artifact with this name already exists (code"
                + " resource_already_exists) (request id req-409). A Connect Artifact named 'uppercase-smt' already"
                + " exists in environment env-abc123 (cca-older1); names are unique per cloud and environment. Choose a"
                + " new name, for example one that carries the version: <artifactName>uppercase-smt-${project.version}"
                + "</artifactName> or -Dcam.artifactName=uppercase-smt-<version>.", e.getMessage());
    }

    @Test
    void nameHeldByAnArtifactMadeFromThisVeryUploadIsThatArtifact() throws Exception {
        // An earlier attempt went through but its answer was lost; the retry meets its own artifact.
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(409, "{\"errors\":[{\"status\":\"409\","
                + "\"title\":\"Conflict\"}]}")
                .withHeader("Location", "https://api.confluent.cloud/cam/v1/connect-artifacts/cca-mine1")));
        api.stubFor(get(urlPathEqualTo(PATH + "/cca-mine1")).willReturn(json(200, artifactBody("cca-mine1", "PROCESSING",
                "").replace("\"upload_id\":\"\"", "\"upload_id\":\"" + UPLOAD_ID + "\"")).withHeader("X-Request-Id", "req-get")));

        ConnectArtifact found = client().createArtifact(request(null));

        assertEquals(new ConnectArtifact("cca-mine1", "uppercase-smt", "PROCESSING", null, "req-get", UPLOAD_ID), found);
    }

    @Test
    void nameHeldByAnArtifactOfAnotherUploadStaysANameClash() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(409, "{\"errors\":[{\"status\":\"409\","
                + "\"title\":\"Conflict\"}]}")
                .withHeader("Location", "https://api.confluent.cloud/cam/v1/connect-artifacts/cca-older1")));
        api.stubFor(get(urlPathEqualTo(PATH + "/cca-older1")).willReturn(json(200, artifactBody("cca-older1", "READY",
                "").replace("\"upload_id\":\"\"", "\"upload_id\":\"0f0f0f0f-0000-4000-8000-000000000000\""))));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("already exists in environment env-abc123 (cca-older1)"), e.getMessage());
    }

    @Test
    void validationFailureShowsTheDetailAndTheSourcePointer() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(422, "{\"errors\":[{\"id\":\"x\",\"status\":\"422\","
                + "\"code\":\"invalid_configuration\",\"title\":\"Invalid Configuration\",\"detail\":\"upload_id was"
                + " not found\",\"source\":{\"pointer\":\"/spec/upload_source/upload_id\"}}]}")
                .withHeader("X-Request-Id", "req-422")));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertEquals(CREATE + " failed: HTTP 422: Invalid Configuration: upload_id was not found (code"
                + " invalid_configuration, at /spec/upload_source/upload_id) (request id req-422)", e.getMessage());
    }

    @Test
    void badRequestShowsTheDetailAndTheSourcePointer() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(400, "{\"errors\":[{\"status\":\"400\",\"code\":"
                + "\"invalid_input\",\"detail\":\"display_name must be at most 60 characters\",\"source\":{\"pointer\":"
                + "\"/spec/display_name\"}}]}")));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertEquals(CREATE + " failed: HTTP 400: display_name must be at most 60 characters (code invalid_input, at"
                + " /spec/display_name) (request id not given)", e.getMessage());
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThatDate() {
        Instant at = Instant.now().plusSeconds(40);
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC)))));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        // The header has whole seconds and some time passes before it is read.
        Duration wait = e.retryAfter().orElseThrow();
        assertTrue(wait.compareTo(Duration.ofSeconds(30)) > 0 && wait.compareTo(Duration.ofSeconds(40)) <= 0,
                wait.toString());
    }

    @Test
    void retryAfterTooLargeToParseIsAVeryLongWaitNotNone() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "99999999999999999999")));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertTrue(e.retryAfter().orElseThrow().compareTo(Duration.ofDays(365)) > 0, e.retryAfter().toString());
    }

    @Test
    void rateLimitedCreateCarriesTheRequestedWait() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9")));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertEquals(Optional.of(Duration.ofSeconds(9)), e.retryAfter());
    }

    @Test
    void createAnswerThatIsNotJsonQuotesItsStart() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202).withBody("<html>accepted</html>")));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertEquals(CREATE + " failed: HTTP 202: the answer is not a Connect Artifact: <html>accepted</html> (request"
                + " id not given)", e.getMessage());
    }

    @Test
    void createAnswerWithoutAnIdIsRefused() {
        api.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(202, "{\"spec\":{},\"status\":{\"phase\":\"READY\"}}")));

        ApiException e = assertThrows(ApiException.class, () -> client().createArtifact(request(null)));

        assertEquals(CREATE + " failed: HTTP 202: the answer is not the artifact asked for (it has no id) (request id"
                + " not given)", e.getMessage());
    }

    @Test
    void getReadsThePhaseFromTheScopedUrlAndAcceptsTheLowerCaseCloud() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH + "/cca-7xq2m1")).willReturn(json(200, artifactBody("cca-7xq2m1",
                "PROCESSING", "")).withHeader("X-Request-Id", "req-get")));

        ConnectArtifact artifact = client().artifact("cca-7xq2m1", "AWS", "env-abc123");

        assertEquals(new ConnectArtifact("cca-7xq2m1", "uppercase-smt", "PROCESSING", null, "req-get"), artifact);
        api.verify(1, getRequestedFor(urlEqualTo(PATH + "/cca-7xq2m1" + QUERY)));
    }

    @Test
    void failedArtifactCarriesWhateverTextItsStatusHolds() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH + "/cca-1")).willReturn(json(200, artifactBody("cca-1", "FAILED",
                ",\"error_message\":\"No plugin class found in the archive\",\"retries\":3,\"details\":{\"a\":1}"))));

        ConnectArtifact artifact = client().artifact("cca-1", "AWS", "env-abc123");

        assertTrue(artifact.hasFailed());
        assertFalse(artifact.isReady());
        assertEquals("error_message: No plugin class found in the archive; retries: 3", artifact.statusDetail());
    }

    @Test
    void answerWithoutAStatusHasNoPhase() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH + "/cca-1")).willReturn(json(200, "{\"id\":\"cca-1\",\"spec\":{}}")));

        ConnectArtifact artifact = client().artifact("cca-1", "AWS", "env-abc123");

        assertNull(artifact.phase());
        assertEquals("(no phase reported)", artifact.shownPhase());
        assertFalse(artifact.isReady() || artifact.hasFailed());
    }

    @Test
    void answerAboutAnotherArtifactOrEnvironmentIsRefused() {
        api.stubFor(get(urlPathEqualTo(PATH + "/cca-1")).willReturn(json(200, artifactBody("cca-2", "READY", "")
                .replace("env-abc123", "env-other"))));

        ApiException e = assertThrows(ApiException.class, () -> client().artifact("cca-1", "AWS", "env-abc123"));

        assertEquals("Reading Connect Artifact cca-1 (GET /cam/v1/connect-artifacts/cca-1) failed: HTTP 200: the answer"
                + " is not the artifact asked for (it is artifact cca-2, it is in environment env-other) (request id not"
                + " given)", e.getMessage());
    }

    @Test
    void unknownArtifactIs404WithTheApiUrlHint() {
        api.stubFor(get(urlPathEqualTo(PATH + "/cca-gone")).willReturn(json(404, "{\"errors\":[{\"status\":\"404\","
                + "\"title\":\"Not Found\"}]}").withHeader("X-Request-Id", "req-404")));

        ApiException e = assertThrows(ApiException.class, () -> client().artifact("cca-gone", "AWS", "env-abc123"));

        assertEquals("Reading Connect Artifact cca-gone (GET /cam/v1/connect-artifacts/cca-gone) failed: HTTP 404: Not"
                + " Found (request id req-404). Check apiUrl and the environment id.", e.getMessage());
    }

    @Test
    void phasesAreReadyFailedOrStillPending() {
        for (String phase : List.of("READY", "PROVISIONED", "ready")) {
            assertTrue(new ConnectArtifact("cca-1", null, phase, null, null).isReady(), phase);
        }
        assertTrue(new ConnectArtifact("cca-1", null, "FAILED", null, null).hasFailed());
        for (String phase : List.of("WAITING_FOR_PROCESSING", "PROCESSING", "PROVISIONING", "VALIDATING")) {
            ConnectArtifact pending = new ConnectArtifact("cca-1", null, phase, null, null);
            assertFalse(pending.isReady() || pending.hasFailed(), phase);
        }
    }

    @Test
    void artifactsEndpointCarriesTheScope() {
        assertEquals(URI.create("https://api.confluent.cloud/cam/v1/connect-artifacts?spec.cloud=AWS&environment=env-1"),
                CamApiClient.artifactsEndpoint(URI.create("https://api.confluent.cloud/"), "AWS", "env-1"));
    }
}
