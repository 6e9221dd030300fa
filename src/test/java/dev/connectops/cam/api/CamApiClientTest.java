package dev.connectops.cam.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.http.AnswerTooLargeException;
import dev.connectops.cam.http.AnswerTooSlowException;
import dev.connectops.cam.http.HttpClientFactory;
import dev.connectops.cam.http.ProxyLookup;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CamApiClientTest {
    private static final String PATH = "/cam/v1/presigned-upload-url";
    private static final String KEY = "CAMKEY0001ABCDEF";
    private static final String SECRET = "cam-secret-0123456789abcdef";
    private static final String OPERATION = "Requesting a presigned upload URL (POST /cam/v1/presigned-upload-url)";
    private static final String POLICY = "eyJleHBpcmF0aW9uIjoiMjAyNi0xMi0wM1QxOTowMDowMC4wMDBaIiwiY29uZGl0aW9ucyI6W119";
    private static final String SIGNATURE = "973938866ff1e965b2fd98e31ce664d7abbdd962a2b981adb1effe0840e630e9";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
    private static final String CREDENTIAL = "ASIAEXAMPLEKEY/20261203/us-west-2/s3/aws4_request";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private CloseableHttpClient http;

    @BeforeEach
    void openClient() {
        http = new HttpClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(5), ProxyLookup.DIRECT).create();
    }

    @AfterEach
    void closeClient() throws IOException {
        http.close();
    }

    private CamApiClient client(String apiUrl) {
        return new CamApiClient(http, URI.create(apiUrl), new ApiCredentials(KEY, SECRET, "test"));
    }

    private CamApiClient client() {
        return client("http://localhost:" + api.getPort());
    }

    private static PresignRequest zipRequest() {
        return new PresignRequest(ContentFormat.ZIP, "AWS", "env-abc123");
    }

    /** A cam.v1.PresignedUrl, form fields deliberately in neither alphabetical nor documented order. */
    private static String presignedUrlBody() {
        return "{\"api_version\":\"cam/v1\",\"kind\":\"PresignedUrl\",\"content_format\":\"ZIP\",\"cloud\":\"AWS\","
                + "\"environment\":\"env-abc123\",\"upload_id\":\"e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66\","
                + "\"upload_url\":\"https://confluent-custom-connectors-stag-us-west-2.s3.dualstack.us-west-2.amazonaws.com/\","
                + "\"upload_form_data\":{"
                + "\"x-amz-signature\":\"" + SIGNATURE + "\","
                + "\"key\":\"staging/ccp/v1/org/connect-e53bb2e8/plugin.zip\","
                + "\"bucket\":\"confluent-custom-connectors-stag-us-west-2\","
                + "\"policy\":\"" + POLICY + "\","
                + "\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\","
                + "\"x-amz-credential\":\"" + CREDENTIAL + "\","
                + "\"x-amz-date\":\"20261203T180000Z\","
                + "\"x-amz-security-token\":\"" + TOKEN + "\"}}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void stub(ResponseDefinitionBuilder response) {
        api.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    private ApiException presignFails() {
        return assertThrows(ApiException.class, () -> client().presign(zipRequest()));
    }

    @Test
    void successReturnsUploadIdUrlAndFormFieldsInTheOrderReceivedWithTheRequestId() throws Exception {
        stub(json(200, presignedUrlBody())
                .withHeader("X-Request-Id", "req-7f3a")
                .withHeader("X-RateLimit-Limit", "60")
                .withHeader("X-RateLimit-Remaining", "59")
                .withHeader("X-RateLimit-Reset", "42"));

        PresignedUploadUrl presigned = client().presign(zipRequest());

        assertEquals("e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66", presigned.uploadId());
        assertEquals(URI.create("https://confluent-custom-connectors-stag-us-west-2.s3.dualstack.us-west-2.amazonaws.com/"),
                presigned.uploadUrl());
        assertEquals("req-7f3a", presigned.requestId());
        assertEquals(List.of("x-amz-signature", "key", "bucket", "policy", "x-amz-algorithm", "x-amz-credential",
                "x-amz-date", "x-amz-security-token"), List.copyOf(presigned.formData().keySet()));
        assertEquals(SIGNATURE, presigned.formData().get("x-amz-signature"));
        assertEquals("staging/ccp/v1/org/connect-e53bb2e8/plugin.zip", presigned.formData().get("key"));
        assertEquals(POLICY, presigned.formData().get("policy"));
        assertEquals(TOKEN, presigned.formData().get("x-amz-security-token"));
        assertEquals(CREDENTIAL, presigned.formData().get("x-amz-credential"));
        assertEquals("20261203T180000Z", presigned.formData().get("x-amz-date"));
    }

    @Test
    void requestCarriesBasicAuthJsonContentTypeAndExactlyTheDocumentedBody() throws Exception {
        stub(json(200, presignedUrlBody()).withHeader("X-Request-Id", "req-1"));

        client().presign(zipRequest());

        String expectedAuth = "Basic " + Base64.getEncoder()
                .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        api.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo(expectedAuth))
                .withHeader("Accept", equalTo("application/json")));
        LoggedRequest sent = api.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertEquals("application/json", sent.contentTypeHeader().mimeTypePart());
        assertEquals("{\"content_format\":\"ZIP\",\"cloud\":\"AWS\",\"environment\":\"env-abc123\"}",
                sent.getBodyAsString());
    }

    @Test
    void jarFormatIsSentAsUpperCaseJar() throws Exception {
        stub(json(200, presignedUrlBody()));

        client().presign(new PresignRequest(ContentFormat.JAR, "AWS", "env-9z"));

        assertEquals("{\"content_format\":\"JAR\",\"cloud\":\"AWS\",\"environment\":\"env-9z\"}",
                api.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
    }

    @Test
    void apiUrlWithTrailingSlashPostsToThePathWithoutADoubleSlash() throws Exception {
        stub(json(200, presignedUrlBody()));

        client("http://localhost:" + api.getPort() + "/").presign(zipRequest());

        api.verify(1, postRequestedFor(urlEqualTo(PATH)));
        assertEquals(1, api.getAllServeEvents().size());
    }

    @Test
    void apiUrlWithABasePathKeepsIt() throws Exception {
        api.stubFor(post(urlEqualTo("/gateway" + PATH)).willReturn(json(200, presignedUrlBody())));

        client("http://localhost:" + api.getPort() + "/gateway/").presign(zipRequest());

        api.verify(1, postRequestedFor(urlEqualTo("/gateway" + PATH)));
    }

    @Test
    void presignEndpointJoinsApiUrlAndPath() {
        assertEquals(URI.create("https://api.confluent.cloud/cam/v1/presigned-upload-url"),
                CamApiClient.presignEndpoint(URI.create("https://api.confluent.cloud")));
        assertEquals(URI.create("https://api.confluent.cloud/cam/v1/presigned-upload-url"),
                CamApiClient.presignEndpoint(URI.create("https://api.confluent.cloud//")));
    }

    @Test
    void unauthorizedGivesStatusTitleDetailCodeRequestIdAndAKeyHint() {
        stub(json(401, "{\"errors\":[{\"id\":\"ed42afdc-f0d5-4c0d-b428-9fc6ed6e279d\",\"status\":\"401\","
                + "\"code\":\"user_unauthenticated\",\"title\":\"Authentication Required\","
                + "\"detail\":\"Valid authentication credentials must be provided\"}]}")
                .withHeader("X-Request-Id", "req-401")
                .withHeader("WWW-Authenticate", "Basic error=\"invalid_key\", error_description=\"The API Key is invalid\""));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 401: Authentication Required: Valid authentication credentials must be"
                + " provided (code user_unauthenticated) (request id req-401). Check the Cloud API key and secret (a"
                + " Kafka cluster key does not work here).", e.getMessage());
        assertEquals(401, e.status());
        assertEquals("req-401", e.requestId());
        assertEquals(List.of(new ApiError("401", "user_unauthenticated", "Authentication Required",
                "Valid authentication credentials must be provided", null)), e.errors());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void forbiddenGivesTheEnvironmentAdminHint() {
        stub(json(403, "{\"errors\":[{\"status\":\"403\",\"code\":\"user_unauthorized\",\"title\":\"User Access"
                + " Unauthorized\",\"detail\":\"The user is not allowed to access the resource.\"}]}")
                .withHeader("X-Request-Id", "req-403"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 403: User Access Unauthorized: The user is not allowed to access the"
                + " resource. (code user_unauthorized) (request id req-403). The API key needs the EnvironmentAdmin role"
                + " on this environment.", e.getMessage());
    }

    @Test
    void newerSingleErrorShapeIsReadToo() {
        stub(json(401, "{\"status\":401,\"error\":{\"code\":\"invalid_key\",\"message\":\"The API Key is invalid\"},"
                + "\"requestId\":\"body-id\",\"doc_url\":\"https://docs.confluent.io/x\"}")
                .withHeader("X-Request-Id", "req-new"));

        ApiException e = presignFails();

        assertTrue(e.getMessage().startsWith(OPERATION + " failed: HTTP 401: The API Key is invalid (code invalid_key)"
                + " (request id req-new)."), e.getMessage());
        assertEquals(List.of(new ApiError("401", "invalid_key", null, "The API Key is invalid", null)), e.errors());
    }

    @Test
    void badRequestNamesTheSourcePointer() {
        stub(json(400, "{\"errors\":[{\"id\":\"x\",\"status\":\"400\",\"code\":\"invalid_configuration\","
                + "\"title\":\"Invalid Configuration\",\"detail\":\"environment 'env-nope' does not exist\","
                + "\"source\":{\"pointer\":\"/environment\"}}]}")
                .withHeader("X-Request-Id", "req-400"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 400: Invalid Configuration: environment 'env-nope' does not exist"
                + " (code invalid_configuration, at /environment) (request id req-400)", e.getMessage());
    }

    @Test
    void severalErrorsAreAllListed() {
        stub(json(400, "{\"errors\":[{\"title\":\"First\",\"code\":\"a\"},{\"title\":\"Second\",\"detail\":\"more\"}]}"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 400: First (code a); Second: more (request id not given)",
                e.getMessage());
    }

    @Test
    void notFoundWithOnlyATitleGivesTheApiUrlHint() {
        stub(json(404, "{\"errors\":[{\"id\":\"ed42afdc\",\"status\":\"404\",\"title\":\"Not Found\"}]}")
                .withHeader("X-Request-Id", "req-404"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 404: Not Found (request id req-404). Check apiUrl and the environment"
                + " id.", e.getMessage());
        assertEquals(404, e.status());
    }

    @Test
    void serverErrorWithTheDocumentedBodyShowsItsTitleAndDetail() {
        stub(json(500, "{\"errors\":[{\"status\":\"500\",\"code\":\"out_of_gas\",\"title\":\"DeLorean Out Of Gas\","
                + "\"detail\":\"The DeLorean has run out of gas\"}]}").withHeader("X-Request-Id", "req-500"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 500: DeLorean Out Of Gas: The DeLorean has run out of gas (code"
                + " out_of_gas) (request id req-500)", e.getMessage());
    }

    @Test
    void errorStatusWithAnHtmlBodyQuotesTheStartOfTheBody() {
        stub(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 502: body: <html> <head><title>502 Bad Gateway</title></head>"
                + " <body>nginx</body></html> (request id not given)", e.getMessage());
    }

    @Test
    void emptyErrorBodySaysSo() {
        stub(aResponse().withStatus(403).withHeader("X-Request-Id", "req-e"));

        ApiException e = presignFails();

        assertTrue(e.getMessage().startsWith(OPERATION + " failed: HTTP 403: body: (empty body) (request id req-e)."),
                e.getMessage());
    }

    @Test
    void errorPageEchoingTheRequestHeadersDoesNotPutTheCredentialsInTheMessage() {
        String auth = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        // A debugging proxy or WAF page that echoes what it received.
        stub(aResponse().withStatus(400).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>Request rejected</h1><pre>Authorization: " + auth + "</pre></body></html>"));

        ApiException e = presignFails();

        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertFalse(e.getMessage().contains(auth.substring("Basic ".length())), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void answerThatDripsPastTheDeadlineIsCutOffThoughNoSilenceReachesSocketTimeout() {
        // 200 bytes over 20 s: a byte every 0.1 s, never 5 s (socketTimeout) of silence.
        stub(json(200, presignedUrlBody().substring(0, 200)).withChunkedDribbleDelay(200, 20_000));
        CamApiClient impatient = new CamApiClient(http, URI.create("http://localhost:" + api.getPort()),
                new ApiCredentials(KEY, SECRET, "test"), Duration.ofMillis(700));

        AnswerTooSlowException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(AnswerTooSlowException.class, () -> impatient.presign(zipRequest())));

        assertEquals("the whole answer did not arrive within 0.7 s (connectTimeout + socketTimeout), so the connection"
                + " was closed", e.getMessage());
    }

    @Test
    void uploadIdThatIsNotAnIdIsRefusedSoItCannotForgeALogLine() {
        stub(json(200, presignedUrlBody().replace("e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66",
                "up-real\\nupload_id=up-FORGED")).withHeader("X-Request-Id", "req-id"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 200: the answer is not a presigned URL: upload_id"
                + " 'up-real\\u000aupload_id=up-FORGED' is not an id (letters, digits, '-', '_', '.', ':') (request id"
                + " req-id)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void answerLargerThanAnyThisApiSendsIsNotReadToItsEnd() {
        byte[] huge = new byte[3 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        stub(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(huge));

        AnswerTooLargeException e = assertThrows(AnswerTooLargeException.class, () -> client().presign(zipRequest()));

        assertEquals("the answer is larger than 1 MiB, which no answer of this API is", e.getMessage());
    }

    @Test
    void confluentErrorsEchoingTheCredentialsAreMaskedInEveryField() {
        String token = Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        // Both error shapes, each repeating the header and the secret in a different field.
        stub(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withHeader("X-Request-Id", "r1")
                .withBody("{\"errors\":[{\"status\":\"401\",\"code\":\"user_unauthenticated\",\"title\":"
                        + "\"Unauthorized " + SECRET + "\",\"detail\":\"bad credentials: header was Basic " + token
                        + " secret " + SECRET + "\"}]}"));

        ApiException errorsStyle = presignFails();

        stub(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withHeader("X-Request-Id", "r2")
                .withBody("{\"status\":403,\"error\":{\"code\":\"" + token + "\",\"message\":\"key " + KEY + ":"
                        + SECRET + " refused\"}}"));

        ApiException errorStyle = presignFails();

        assertEquals(OPERATION + " failed: HTTP 401: Unauthorized ****: bad credentials: header was Basic ****"
                + " secret **** (code user_unauthenticated) (request id r1). Check the Cloud API key and secret (a"
                + " Kafka cluster key does not work here).", errorsStyle.getMessage());
        for (ApiException e : List.of(errorsStyle, errorStyle)) {
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertFalse(e.getMessage().contains(token), e.getMessage());
        }
    }

    @Test
    void successStatusWithAnHtmlBodyQuotesTheStartOfTheBody() {
        stub(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>Corporate login</title></head><body>Please sign in"
                        + "</body></html>"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 200: the answer is not a presigned URL: the body is not JSON:"
                + " <!DOCTYPE html><html><head><title>Corporate login</title></head><body>Please sign in</body></html>"
                + " (request id not given)", e.getMessage());
    }

    @Test
    void successJsonWithoutUploadUrlFailsWithoutQuotingTheFormSecrets() {
        String body = presignedUrlBody().replace(
                "\"upload_url\":\"https://confluent-custom-connectors-stag-us-west-2.s3.dualstack.us-west-2.amazonaws.com/\",",
                "");
        assertFalse(body.contains("upload_url"));
        stub(json(200, body).withHeader("X-Request-Id", "req-nourl"));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 200: the answer is not a presigned URL: upload_id, upload_url or"
                + " upload_form_data is missing (request id req-nourl)", e.getMessage());
        for (String secret : List.of(POLICY, SIGNATURE, TOKEN, CREDENTIAL)) {
            assertFalse(e.getMessage().contains(secret), "message leaks " + secret);
        }
    }

    @Test
    void formValueThatIsNotAStringFailsNamingTheFieldButNotItsValue() {
        String body = presignedUrlBody().replace("\"x-amz-date\":\"20261203T180000Z\"",
                "\"x-amz-date\":{\"nested\":\"" + SIGNATURE + "\"}");
        stub(json(200, body));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 200: the answer is not a presigned URL: upload_form_data.x-amz-date is"
                + " not a string (request id not given)", e.getMessage());
    }

    @Test
    void redirectToAnotherHostIsNotFollowedAndTheMessageNamesTheHost() {
        elsewhere.stubFor(post(anyUrl()).willReturn(json(200, presignedUrlBody())));
        stub(aResponse().withStatus(307)
                .withHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + PATH));

        ApiException e = presignFails();

        assertEquals(OPERATION + " failed: HTTP 307: redirect not followed (Location host 127.0.0.1); check apiUrl"
                + " (request id not given)", e.getMessage());
        assertEquals(1, api.getAllServeEvents().size());
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void toStringOfTheResultNamesFieldsButNoValues() throws Exception {
        stub(json(200, presignedUrlBody()).withHeader("X-Request-Id", "req-ts"));

        String text = client().presign(zipRequest()).toString();

        assertTrue(text.contains("x-amz-signature") && text.contains("req-ts"), text);
        for (String secret : List.of(POLICY, SIGNATURE, TOKEN, CREDENTIAL)) {
            assertFalse(text.contains(secret), "toString leaks " + secret);
        }
    }

    @Test
    void formDataCannotBeChangedAfterwards() throws Exception {
        stub(json(200, presignedUrlBody()));

        Map<String, String> form = client().presign(zipRequest()).formData();

        assertThrows(UnsupportedOperationException.class, () -> form.put("extra", "x"));
    }
}
