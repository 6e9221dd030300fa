package dev.connectops.cam.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.connectops.cam.service.UploadFixture.BUCKET;
import static dev.connectops.cam.service.UploadFixture.DISPLAY_NAME;
import static dev.connectops.cam.service.UploadFixture.PRESIGN;
import static dev.connectops.cam.service.UploadFixture.SIGNATURE;
import static dev.connectops.cam.service.UploadFixture.UPLOAD_ID;
import static dev.connectops.cam.service.UploadFixture.expiredPolicy;
import static dev.connectops.cam.service.UploadFixture.filePart;
import static dev.connectops.cam.service.UploadFixture.hex;
import static dev.connectops.cam.service.UploadFixture.objectKey;
import static dev.connectops.cam.service.UploadFixture.presignRequestId;
import static dev.connectops.cam.service.UploadFixture.presigned;
import static dev.connectops.cam.service.UploadFixture.s3Error;
import static dev.connectops.cam.service.UploadFixture.secrets;
import static dev.connectops.cam.service.UploadFixture.validPolicy;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.http.ProxyLookup;
import dev.connectops.cam.record.UploadRecord;
import dev.connectops.cam.upload.UploadException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the user sees when the Confluent API or the upload host fails (SPEC section 9, issue 4): how
 * many requests each server received, the exact waits between them, the INFO line for each wait, the
 * one message the build fails with, and that no record is left behind. The sleeper only records, so
 * no test waits; jitter is fixed at 0.5, so backoffs are exactly 1, 2, 4 … s.
 */
class UploadServiceFaultTest {
    private static final int RETRIES = 2;
    private static final String PRESIGN_FAILED = "Requesting a presigned upload URL (POST " + PRESIGN + ") failed: ";
    private static final String UPLOAD_FAILED = "Uploading the archive to localhost failed: ";
    private static final String SECOND_ID = "7c1d4f2a-0000-4000-8000-000000000002";
    private static final Duration S1 = Duration.ofSeconds(1);
    private static final Duration S2 = Duration.ofSeconds(2);
    private static final String RESET = "the connection failed (SocketException: Connection reset)";
    private static final String NO_ANSWER = "the connection failed (NoHttpResponseException: The target server failed"
            + " to respond)";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension s3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private UploadFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new UploadFixture(api, s3, dir);
    }

    /** One failure and what the user must see: each wait with its reason, and the final message. */
    record Failure(String name, ResponseDefinitionBuilder answer, List<Wait> waits,
            Class<? extends Exception> type, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Wait(Duration duration, String reason) {
    }

    private static List<Wait> backoff(String reason) {
        return List.of(new Wait(S1, reason), new Wait(S2, reason));
    }

    private static List<Wait> each(Duration duration, String reason) {
        return List.of(new Wait(duration, reason), new Wait(duration, reason));
    }

    private static ResponseDefinitionBuilder json(int status, String requestId, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", requestId).withBody(body);
    }

    /** A proxy's error page: longer than the 200 characters a message quotes. */
    private static final String HTML_502 = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
            + "<h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p>"
            + "<p>Reference #18.5f3d2e17.1733248800.1a2b3c4d</p><hr><address>corp-proxy-3</address></body></html>";

    private static String first200(String page) {
        return page.substring(0, 200) + "…";
    }

    static Stream<Failure> apiFaults() {
        return Stream.of(
                new Failure("400 with errors[] and a source pointer", json(400, "req-400", "{\"errors\":[{\"id\":\"e1\","
                        + "\"status\":\"400\",\"code\":\"invalid_filter\",\"title\":\"Bad Request\",\"detail\":"
                        + "\"environment is not valid\",\"source\":{\"pointer\":\"/environment\"}}]}"), List.of(),
                        ApiException.class, PRESIGN_FAILED + "HTTP 400: Bad Request: environment is not valid (code"
                                + " invalid_filter, at /environment) (request id req-400)"),
                new Failure("401 with errors[]", json(401, "req-401", "{\"errors\":[{\"status\":\"401\",\"code\":"
                        + "\"user_unauthenticated\",\"title\":\"Authentication Required\",\"detail\":\"Valid"
                        + " authentication credentials must be provided\"}]}")
                        .withHeader("WWW-Authenticate", "Basic error=\"invalid_key\""), List.of(),
                        ApiException.class, PRESIGN_FAILED + "HTTP 401: Authentication Required: Valid authentication"
                                + " credentials must be provided (code user_unauthenticated) (request id req-401)."
                                + " Check the Cloud API key and secret (a Kafka cluster key does not work here)."),
                new Failure("403 in the newer single-error style", json(403, "req-403", "{\"status\":403,\"error\":"
                        + "{\"code\":\"user_unauthorized\",\"message\":\"Forbidden Access\"},\"requestId\":\"req-403\","
                        + "\"doc_url\":\"https://docs.confluent.io/cloud/current/api.html\"}"), List.of(),
                        ApiException.class, PRESIGN_FAILED + "HTTP 403: Forbidden Access (code user_unauthorized)"
                                + " (request id req-403). The API key needs the EnvironmentAdmin role on this"
                                + " environment."),
                new Failure("404 in the error_code/message shape", json(404, "req-404", "{\"errors\":[{\"status\":"
                        + "\"404\",\"error_code\":40401,\"title\":\"Not Found\",\"message\":\"Environment env-abc123"
                        + " was not found\"}]}"), List.of(),
                        ApiException.class, PRESIGN_FAILED + "HTTP 404: Not Found: Environment env-abc123 was not"
                                + " found (code 40401) (request id req-404). Check apiUrl and the environment id."),
                new Failure("429 with Retry-After, which wins over X-RateLimit-Reset", aResponse().withStatus(429)
                        .withHeader("X-Request-Id", "req-429").withHeader("Retry-After", "7")
                        .withHeader("X-RateLimit-Reset", "12"), each(Duration.ofSeconds(7), "HTTP 429, rate limited"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 429: body: (empty body) (request id req-429)."
                                + " Confluent Cloud's rate limit was reached; raise retries (-Dcam.retries) or try"
                                + " later."),
                new Failure("429 with only X-RateLimit-Reset", aResponse().withStatus(429)
                        .withHeader("X-Request-Id", "req-429").withHeader("X-RateLimit-Reset", "12"),
                        each(Duration.ofSeconds(12), "HTTP 429, rate limited"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 429: body: (empty body) (request id req-429)."
                                + " Confluent Cloud's rate limit was reached; raise retries (-Dcam.retries) or try"
                                + " later."),
                new Failure("429 asking for more than the 30 s backoff cap", aResponse().withStatus(429)
                        .withHeader("X-Request-Id", "req-429").withHeader("Retry-After", "45"),
                        each(Duration.ofSeconds(45), "HTTP 429, rate limited"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 429: body: (empty body) (request id req-429)."
                                + " Confluent Cloud's rate limit was reached; raise retries (-Dcam.retries) or try"
                                + " later."),
                new Failure("429 without a wait backs off", aResponse().withStatus(429)
                        .withHeader("X-Request-Id", "req-429"), backoff("HTTP 429, rate limited"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 429: body: (empty body) (request id req-429)."
                                + " Confluent Cloud's rate limit was reached; raise retries (-Dcam.retries) or try"
                                + " later."),
                new Failure("500 with errors[]", json(500, "req-500", "{\"errors\":[{\"status\":\"500\",\"code\":"
                        + "\"internal_error\",\"title\":\"Internal Server Error\",\"detail\":\"Something went"
                        + " wrong\"}]}"), backoff("HTTP 500"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 500: Internal Server Error: Something went wrong"
                                + " (code internal_error) (request id req-500)"),
                new Failure("502 with an empty body", aResponse().withStatus(502).withHeader("X-Request-Id", "req-502"),
                        backoff("HTTP 502"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 502: body: (empty body) (request id req-502)"),
                new Failure("503 with errors[]", json(503, "req-503", "{\"errors\":[{\"status\":\"503\",\"title\":"
                        + "\"Service Unavailable\"}]}"), backoff("HTTP 503"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 503: Service Unavailable (request id req-503)"),
                new Failure("504 from a gateway, no request id", aResponse().withStatus(504)
                        .withHeader("Content-Type", "text/plain").withBody("upstream request timeout"),
                        backoff("HTTP 504"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 504: body: upstream request timeout (request id"
                                + " not given)"),
                new Failure("HTML 502 from a proxy", aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody(HTML_502), backoff("HTTP 502"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 502: body: " + first200(HTML_502) + " (request id"
                                + " not given)"),
                new Failure("500 with truncated JSON", json(500, "req-500", "{\"errors\":[{\"status\":\"500\","
                        + "\"title\":\"Internal"), backoff("HTTP 500"),
                        ApiException.class, PRESIGN_FAILED + "HTTP 500: body: {\"errors\":[{\"status\":\"500\","
                                + "\"title\":\"Internal (request id req-500)"),
                new Failure("200 with an HTML sign-in page", aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/html").withBody("<html><head><title>Sign in to the"
                                + " network</title></head><body><form action=\"/login\"></form></body></html>"),
                        List.of(),
                        ApiException.class, PRESIGN_FAILED + "HTTP 200: the answer is not a presigned URL: the body is"
                                + " not JSON: <html><head><title>Sign in to the network</title></head><body><form"
                                + " action=\"/login\"></form></body></html> (request id not given)"),
                new Failure("200 with an empty body", aResponse().withStatus(200).withHeader("X-Request-Id", "req-200"),
                        List.of(),
                        ApiException.class, PRESIGN_FAILED + "HTTP 200: the answer is not a presigned URL: the body is"
                                + " not JSON: (empty body) (request id req-200)"),
                new Failure("dropped connection", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), backoff(RESET),
                        TransferException.class, "Requesting a presigned upload URL from localhost failed: " + RESET + "."),
                new Failure("connection closed without an answer", aResponse().withFault(
                        Fault.EMPTY_RESPONSE),
                        backoff(NO_ANSWER),
                        TransferException.class, "Requesting a presigned upload URL from localhost failed: " + NO_ANSWER + "."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiFaults")
    void apiFailure(Failure fault) throws Exception {
        fixture.recordOfAnEarlierRun();
        fixture.presignAnswers(fault.answer());

        Exception e = assertThrows(Exception.class, () -> fixture.service().upload(fixture.request(RETRIES)));

        assertAll(
                () -> api.verify(fault.waits().size() + 1, postRequestedFor(urlEqualTo(PRESIGN))),
                () -> s3.verify(0, anyRequestedFor(anyUrl())),
                () -> assertEquals(fault.waits().stream().map(Wait::duration).toList(), fixture.sleeps),
                () -> assertEquals(retryLines("Requesting a presigned upload URL", fault.waits()), retryLines()),
                () -> assertInstanceOf(fault.type(), e),
                () -> assertEquals(fault.message(), e.getMessage()),
                () -> assertNothingLeftBehind(e));
    }

    @Test
    void apiFailureOnATruncatedPresignedUrlQuotesItWithoutTheFormSecrets() throws Exception {
        // The API's field order is not fixed: the form may come first and be cut off inside a secret.
        String body = "{\"upload_form_data\":{\"x-amz-signature\":\"" + SIGNATURE + "\",\"policy\":\"" + validPolicy()
                + "\",\"x-amz-security-token\":\"IQoJb3JpZ2lu";
        fixture.recordOfAnEarlierRun();
        fixture.presignAnswers(json(200, "req-cut", body));

        ApiException e = assertThrows(ApiException.class, () -> fixture.service().upload(fixture.request(RETRIES)));

        assertEquals(PRESIGN_FAILED + "HTTP 200: the answer is not a presigned URL: the body is not JSON:"
                + " {\"upload_form_data\":{\"x-amz-signature\":\"****\",\"policy\":\"****\",\"x-amz-security-token\":"
                + "\"**** (request id req-cut)", e.getMessage());
        api.verify(1, postRequestedFor(urlEqualTo(PRESIGN)));
        assertEquals(List.of(), fixture.sleeps);
        assertNothingLeftBehind(e);
    }

    @ParameterizedTest(name = "no answer from the {0} within socketTimeout")
    @MethodSource("hosts")
    void readTimeoutIsRetriedAndTheMessageNamesTheTimeout(String host) throws Exception {
        fixture.recordOfAnEarlierRun();
        ResponseDefinitionBuilder silent = aResponse().withStatus(204).withFixedDelay(5_000);
        if (host.equals("API")) {
            fixture.presignAnswers(silent);
        } else {
            fixture.presignAnswers(fixture.presigned(UPLOAD_ID));
            s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(silent));
        }

        TransferException e = assertThrows(TransferException.class,
                () -> fixture.service().upload(fixture.request(1, Duration.ofMillis(300))));

        String operation = host.equals("API") ? "Requesting a presigned upload URL" : "Uploading " + DISPLAY_NAME;
        String reason = "no data arrived within socketTimeout (Read timed out)";
        assertEquals(List.of(S1), fixture.sleeps);
        assertEquals(List.of(operation + " failed (" + reason + "); retry 1 of 1 in 1.0 s."), retryLines());
        assertEquals((host.equals("API") ? "Requesting a presigned upload URL from" : "Uploading " + DISPLAY_NAME
                + " to") + " localhost failed: " + reason + ".", e.getMessage());
        api.verify(host.equals("API") ? 2 : 1, postRequestedFor(urlEqualTo(PRESIGN)));
        s3.verify(host.equals("API") ? 0 : 2, postRequestedFor(urlEqualTo(BUCKET)));
        assertNothingLeftBehind(e);
    }

    static Stream<String> hosts() {
        return Stream.of("API", "upload host");
    }

    @Test
    void refusedConnectionToTheApiIsRetriedAndNamesTheHost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        UploadRequest base = fixture.request(1);
        UploadRequest toNowhere = new UploadRequest(base.archive(), base.displayName(), base.contentFormat(),
                base.environment(), base.cloud(), URI.create("http://127.0.0.1:" + closedPort), base.credentials(),
                base.connectTimeout(), base.socketTimeout(), 1, base.outputFile(), ProxyLookup.DIRECT);
        fixture.recordOfAnEarlierRun();

        TransferException e = assertThrows(TransferException.class, () -> fixture.service().upload(toNowhere));

        assertTrue(e.getMessage().startsWith("Requesting a presigned upload URL from 127.0.0.1 failed: the connection"
                + " was refused or the host is unreachable ("), e.getMessage());
        assertEquals(List.of(S1), fixture.sleeps);
        assertEquals(1, retryLines().size());
        assertTrue(retryLines().get(0).startsWith("Requesting a presigned upload URL failed (the connection was"
                + " refused or the host is unreachable ("), retryLines().get(0));
        assertNothingLeftBehind(e);
    }

    static Stream<Failure> apiFaultsThatPass() {
        return apiFaults().filter(f -> !f.waits().isEmpty());
    }

    @ParameterizedTest(name = "{0}, then the presigned URL")
    @MethodSource("apiFaultsThatPass")
    void apiFailureThatPassesIsRetriedOnceAndTheUploadGoesOn(Failure fault) throws Exception {
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("api").whenScenarioStateIs(STARTED)
                .willReturn(fault.answer()).willSetStateTo("recovered"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("api").whenScenarioStateIs("recovered")
                .willReturn(fixture.presigned(UPLOAD_ID)));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(fixture.stored()));

        UploadRecord record = fixture.service().upload(fixture.request(RETRIES));

        api.verify(2, postRequestedFor(urlEqualTo(PRESIGN)));
        s3.verify(1, postRequestedFor(urlEqualTo(BUCKET)));
        Wait first = fault.waits().get(0);
        assertEquals(List.of(first.duration()), fixture.sleeps);
        assertEquals(retryLines("Requesting a presigned upload URL", List.of(first)), retryLines());
        assertEquals(UPLOAD_ID, record.uploadId());
        assertEquals(UPLOAD_ID, recordedUploadId());
    }

    static Stream<Failure> uploadFaults() {
        String sha = "0123456789abcdef0123456789abcdef";
        return Stream.of(
                new Failure("EntityTooLarge", s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum"
                        + " allowed size").withBody("<Error><Code>EntityTooLarge</Code><Message>Your proposed upload"
                        + " exceeds the maximum allowed size</Message><ProposedSize>70000</ProposedSize>"
                        + "<MaxSizeAllowed>1024</MaxSizeAllowed><RequestId>S3ERR</RequestId></Error>"), List.of(),
                        UploadException.class, UPLOAD_FAILED + "HTTP 400 EntityTooLarge: Your proposed upload exceeds"
                                + " the maximum allowed size (request id S3ERR)"),
                new Failure("an empty 403", aResponse().withStatus(403).withHeader("x-amz-request-id", "S3EMPTY"),
                        List.of(),
                        UploadException.class, UPLOAD_FAILED + "HTTP 403, body: (empty body) (request id S3EMPTY)"),
                new Failure("SignatureDoesNotMatch", s3Error(403, "SignatureDoesNotMatch", "The request signature we"
                        + " calculated does not match the signature you provided."), List.of(),
                        UploadException.class, UPLOAD_FAILED + "HTTP 403 SignatureDoesNotMatch: The request signature"
                                + " we calculated does not match the signature you provided. (request id S3ERR)"),
                new Failure("an ETag that does not match", aResponse().withStatus(204)
                        .withHeader("ETag", "\"" + sha + "\"").withHeader("x-amz-request-id", "S3ETAG"), List.of(),
                        UploadException.class, "The upload host stored different bytes than were sent: its ETag " + sha
                                + " is not the MD5 {md5} of acme-smt-1.0.zip (request id S3ETAG). Run the upload"
                                + " again."),
                new Failure("SlowDown until the retries run out", s3Error(503, "SlowDown", "Please reduce your request"
                        + " rate."), backoff("HTTP 503 SlowDown"),
                        UploadException.class, UPLOAD_FAILED + "HTTP 503 SlowDown: Please reduce your request rate."
                                + " (request id S3ERR)"),
                new Failure("RequestTimeout until the retries run out", s3Error(400, "RequestTimeout", "Your socket"
                        + " connection to the server was not read from or written to within the timeout period."),
                        backoff("HTTP 400 RequestTimeout"),
                        UploadException.class, UPLOAD_FAILED + "HTTP 400 RequestTimeout: Your socket connection to"
                                + " the server was not read from or written to within the timeout period. (request id"
                                + " S3ERR)"),
                new Failure("HTML 502 from a proxy until the retries run out", aResponse().withStatus(502)
                        .withHeader("Content-Type", "text/html").withBody(HTML_502), backoff("HTTP 502"),
                        UploadException.class, UPLOAD_FAILED + "HTTP 502, body: " + first200(HTML_502)
                                + " (request id not given)"),
                new Failure("dropped connections until the retries run out", aResponse().withFault(
                        Fault.CONNECTION_RESET_BY_PEER),
                        backoff(RESET),
                        TransferException.class, "Uploading " + DISPLAY_NAME + " to localhost failed: " + RESET + "."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uploadFaults")
    void uploadFailure(Failure fault) throws Exception {
        fixture.recordOfAnEarlierRun();
        fixture.presignAnswers(fixture.presigned(UPLOAD_ID));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(fault.answer()));

        Exception e = assertThrows(Exception.class, () -> fixture.service().upload(fixture.request(RETRIES)));

        assertAll(
                () -> api.verify(1, postRequestedFor(urlEqualTo(PRESIGN))),
                () -> s3.verify(fault.waits().size() + 1, postRequestedFor(urlEqualTo(BUCKET))),
                () -> assertEquals(fault.waits().stream().map(Wait::duration).toList(), fixture.sleeps),
                () -> assertEquals(retryLines("Uploading " + DISPLAY_NAME, fault.waits()), retryLines()),
                () -> assertInstanceOf(fault.type(), e),
                () -> assertEquals(fault.message().replace("{md5}", hex("MD5", fixture.archiveBytes())),
                        e.getMessage()),
                () -> assertNothingLeftBehind(e));
    }

    static Stream<Failure> uploadFaultsThatPass() {
        return Stream.of(
                new Failure("503 SlowDown", s3Error(503, "SlowDown", "Please reduce your request rate."),
                        List.of(new Wait(S1, "HTTP 503 SlowDown")), null, null),
                new Failure("400 RequestTimeout", s3Error(400, "RequestTimeout", "Your socket connection to the server"
                        + " was not read from or written to within the timeout period."),
                        List.of(new Wait(S1, "HTTP 400 RequestTimeout")), null, null),
                new Failure("500 InternalError", s3Error(500, "InternalError", "We encountered an internal error."
                        + " Please try again."), List.of(new Wait(S1, "HTTP 500 InternalError")), null, null),
                new Failure("HTML 502 from a proxy", aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody(HTML_502), List.of(new Wait(S1, "HTTP 502")), null, null),
                new Failure("connection reset after the request", aResponse().withFault(
                        Fault.CONNECTION_RESET_BY_PEER),
                        List.of(new Wait(S1, RESET)), null, null),
                new Failure("connection closed without an answer", aResponse().withFault(
                        Fault.EMPTY_RESPONSE),
                        List.of(new Wait(S1, NO_ANSWER)), null, null),
                new Failure("garbage instead of an answer", aResponse().withFault(
                        Fault.RANDOM_DATA_THEN_CLOSE),
                        List.of(new Wait(S1, "{any}")), null, null),
                new Failure("200 whose body breaks off", aResponse().withFault(
                        Fault.MALFORMED_RESPONSE_CHUNK),
                        List.of(new Wait(S1, "{any}")), null, null));
    }

    @ParameterizedTest(name = "{0}, then stored")
    @MethodSource("uploadFaultsThatPass")
    void uploadFailureThatPassesIsRetriedWithTheSameFormAndTheWholeFile(Failure fault) throws Exception {
        fixture.presignAnswers(fixture.presigned(UPLOAD_ID));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("s3").whenScenarioStateIs(STARTED)
                .willReturn(fault.answer()).willSetStateTo("recovered"));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("s3").whenScenarioStateIs("recovered")
                .willReturn(fixture.stored()));

        UploadRecord record = fixture.service().upload(fixture.request(RETRIES));

        api.verify(1, postRequestedFor(urlEqualTo(PRESIGN)));
        List<LoggedRequest> uploads = fixture.uploads();
        assertEquals(2, uploads.size());
        assertEquals(withoutBoundary(uploads.get(0)), withoutBoundary(uploads.get(1)), "the same form, twice");
        assertEquals(hex("SHA-256", fixture.archiveBytes()), hex("SHA-256", filePart(uploads.get(1))));
        assertEquals(List.of(S1), fixture.sleeps);
        List<String> retried = retryLines();
        assertEquals(1, retried.size());
        String reason = fault.waits().get(0).reason();
        if (reason.equals("{any}")) {
            assertTrue(retried.get(0).startsWith("Uploading " + DISPLAY_NAME + " failed (")
                    && retried.get(0).endsWith("); retry 1 of 2 in 1.0 s."), retried.get(0));
        } else {
            assertEquals(retryLines("Uploading " + DISPLAY_NAME, fault.waits()), retried);
        }
        assertEquals(UPLOAD_ID, record.uploadId());
        assertEquals(hex("SHA-256", fixture.archiveBytes()), record.sha256());
        assertEquals(hex("MD5", fixture.archiveBytes()), record.md5());
        assertEquals(UPLOAD_ID, recordedUploadId());
    }

    @Test
    void connectionDroppedHalfWayThroughTheBodyIsRetriedAndTheWholeFileArrives() throws Exception {
        // Larger than the loopback socket buffers, so the client is still writing when the reset comes.
        fixture.writeArchive(8 * 1024 * 1024);
        byte[] archive = fixture.archiveBytes();
        try (HalfwayCut cut = new HalfwayCut(s3.getPort())) {
            fixture.presignAnswers(presigned(UPLOAD_ID, "http://localhost:" + cut.port() + BUCKET, validPolicy()));
            s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(fixture.stored()));

            UploadRecord record = fixture.service().upload(fixture.request(RETRIES));

            assertEquals(2, cut.connections());
            assertTrue(cut.bodyBytesBeforeCut() > 0 && cut.bodyBytesBeforeCut() < archive.length,
                    "the first request was cut inside the file: " + cut.bodyBytesBeforeCut() + " of "
                            + cut.announcedLength() + " bytes arrived");
            List<LoggedRequest> uploads = fixture.uploads();
            assertEquals(1, uploads.size(), "the upload host saw only the whole second request");
            assertEquals(cut.announcedLength(), uploads.get(0).getBody().length, "both requests announced the same"
                    + " length");
            assertEquals(hex("SHA-256", archive), hex("SHA-256", filePart(uploads.get(0))));
            assertEquals(List.of(S1), fixture.sleeps);
            // Whether the client meets the reset while writing or while reading the answer depends on timing.
            assertEquals(1, retryLines().size());
            assertTrue(retryLines().get(0).matches("Uploading " + Pattern.quote(DISPLAY_NAME) + " failed \\(the"
                    + " connection failed \\(SocketException: (Connection reset|Connection reset by peer|Broken"
                    + " pipe)\\)\\); retry 1 of 2 in 1\\.0 s\\."), retryLines().get(0));
            assertEquals(hex("SHA-256", archive), record.sha256());
            assertEquals(hex("MD5", archive), record.md5());
            assertEquals(UPLOAD_ID, recordedUploadId());
        }
    }

    /** S3's answer that the form can no longer be used, and the policy the first presign handed out. */
    record ExpiredForm(String name, ResponseDefinitionBuilder answer, String firstPolicy, List<String> warnings) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ExpiredForm> expiredForms() {
        return Stream.of(
                new ExpiredForm("an expired policy", s3Error(403, "AccessDenied", "Invalid according to Policy:"
                        + " Policy expired."), expiredPolicy(), List.of("The upload policy expired at"
                        + " 2026-12-03T17:00:00Z by this machine's clock (now 2026-12-03T18:00:00Z); uploading anyway,"
                        + " in case the clock is wrong.")),
                new ExpiredForm("an expired session token", s3Error(400, "ExpiredToken", "The provided token has"
                        + " expired."), validPolicy(), List.of()));
    }

    @ParameterizedTest(name = "{0}: a new presigned URL, then stored")
    @MethodSource("expiredForms")
    void expiredFormIsReplacedOnceAndTheNewUploadIdIsRecorded(ExpiredForm expired) throws Exception {
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("api").whenScenarioStateIs(STARTED)
                .willReturn(presigned(UPLOAD_ID, fixture.uploadUrl(), expired.firstPolicy())).willSetStateTo("2nd"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("api").whenScenarioStateIs("2nd")
                .willReturn(fixture.presigned(SECOND_ID)));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("s3").whenScenarioStateIs(STARTED)
                .willReturn(expired.answer()).willSetStateTo("fresh"));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("s3").whenScenarioStateIs("fresh")
                .willReturn(fixture.stored()));

        UploadRecord record = fixture.service().upload(fixture.request(RETRIES));

        api.verify(2, postRequestedFor(urlEqualTo(PRESIGN)));
        List<LoggedRequest> uploads = fixture.uploads();
        assertEquals(2, uploads.size());
        assertTrue(uploads.get(0).getBodyAsString().contains(objectKey(UPLOAD_ID)), "first upload, first form");
        assertTrue(uploads.get(1).getBodyAsString().contains(objectKey(SECOND_ID)), "second upload, new form");
        assertEquals(hex("SHA-256", fixture.archiveBytes()), hex("SHA-256", filePart(uploads.get(1))));
        assertEquals(List.of(), fixture.sleeps, "a new form needs no wait");
        assertEquals(List.of(), retryLines());
        assertTrue(fixture.log.info.contains(UPLOAD_FAILED + "HTTP " + expired.answer().build().getStatus() + " "
                + s3Code(expired) + " (request id S3ERR) The upload form expired before it was used; requesting a new"
                + " presigned upload URL and uploading again."), String.join("\n", fixture.log.info));
        assertEquals(expired.warnings(), fixture.log.warn);
        assertEquals(SECOND_ID, record.uploadId());
        assertEquals(presignRequestId(SECOND_ID), record.requestId());
        assertEquals(SECOND_ID, recordedUploadId());
        assertTrue(fixture.log.info.stream().anyMatch(l -> l.startsWith("upload_id=" + SECOND_ID + " ")),
                String.join("\n", fixture.log.info));
    }

    @ParameterizedTest(name = "{0} twice")
    @MethodSource("expiredForms")
    void formThatExpiresAgainFailsAfterOneRenewal(ExpiredForm expired) throws Exception {
        fixture.recordOfAnEarlierRun();
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("api").whenScenarioStateIs(STARTED)
                .willReturn(presigned(UPLOAD_ID, fixture.uploadUrl(), expired.firstPolicy())).willSetStateTo("2nd"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("api").whenScenarioStateIs("2nd")
                .willReturn(fixture.presigned(SECOND_ID)));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(expired.answer()));

        UploadException e = assertThrows(UploadException.class,
                () -> fixture.service().upload(fixture.request(RETRIES)));

        assertEquals(UPLOAD_FAILED + "HTTP " + expired.answer().build().getStatus() + " " + s3Code(expired)
                + " (request id S3ERR)", e.getMessage());
        api.verify(2, postRequestedFor(urlEqualTo(PRESIGN)));
        s3.verify(2, postRequestedFor(urlEqualTo(BUCKET)));
        assertEquals(List.of(), fixture.sleeps);
        assertNothingLeftBehind(e);
    }

    private static String s3Code(ExpiredForm expired) {
        return expired.answer().build().getStatus() == 403
                ? "AccessDenied: Invalid according to Policy: Policy expired."
                : "ExpiredToken: The provided token has expired.";
    }

    /** How a later run can fail after an earlier one succeeded. */
    static Stream<Named<Consumer<UploadFixture>>> laterFailures() {
        return Stream.of(
                Named.of("the API refuses the key", f -> f.presignAnswers(json(401, "req-401", "{\"errors\":[{"
                        + "\"status\":\"401\",\"title\":\"Authentication Required\"}]}"))),
                Named.of("the upload host refuses the archive", f -> {
                    f.presignAnswers(f.presigned(SECOND_ID));
                    s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(s3Error(400, "EntityTooLarge", "Too large")));
                }),
                Named.of("the upload host drops every connection", f -> {
                    f.presignAnswers(f.presigned(SECOND_ID));
                    s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(aResponse().withFault(
                            Fault.CONNECTION_RESET_BY_PEER)));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laterFailures")
    void failureAfterAnEarlierSuccessfulRunLeavesNoRecord(Consumer<UploadFixture> laterFailure) throws Exception {
        fixture.presignAnswers(fixture.presigned(UPLOAD_ID));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(fixture.stored()));
        fixture.service().upload(fixture.request(RETRIES));
        assertEquals(UPLOAD_ID, recordedUploadId(), "the earlier run succeeded");
        api.resetAll();
        s3.resetAll();
        laterFailure.accept(fixture);

        Exception e = assertThrows(Exception.class, () -> fixture.service().upload(fixture.request(RETRIES)));

        assertFalse(Files.exists(fixture.outputFile), "record left behind after: " + e.getMessage());
        try (Stream<Path> files = Files.list(fixture.outputFile.getParent())) {
            assertEquals(List.of("components"), files.map(p -> p.getFileName().toString()).toList(),
                    "no record, no temporary file");
        }
    }

    /** The INFO lines that announce a wait, in order. */
    private List<String> retryLines() {
        return fixture.log.info.stream().filter(line -> line.contains("; retry ")).toList();
    }

    private static List<String> retryLines(String operation, List<Wait> waits) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < waits.size(); i++) {
            lines.add(String.format(Locale.ROOT, "%s failed (%s); retry %d of %d in %.1f s.", operation,
                    waits.get(i).reason(), i + 1, RETRIES, waits.get(i).duration().toMillis() / 1000.0));
        }
        return lines;
    }

    private void assertNothingLeftBehind(Exception e) {
        assertFalse(Files.exists(fixture.outputFile), "a failed run leaves no record");
        for (String secret : secrets()) {
            assertFalse(e.getMessage().contains(secret), "the message leaks a secret: " + e.getMessage());
            for (String line : fixture.log.all()) {
                assertFalse(line.contains(secret), "a log line leaks a secret: " + line);
            }
        }
    }

    private String recordedUploadId() throws IOException {
        return new ObjectMapper().readTree(fixture.outputFile.toFile()).get("upload_id").asText();
    }

    private static String withoutBoundary(LoggedRequest upload) {
        String boundary = upload.getHeader("Content-Type").replaceAll(".*boundary=", "");
        return upload.getBodyAsString().replace(boundary, "B");
    }
}
