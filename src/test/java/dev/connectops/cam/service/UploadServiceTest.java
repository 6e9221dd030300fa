package dev.connectops.cam.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectops.cam.http.ProxyLookup;
import dev.connectops.cam.api.ApiCredentials;
import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.archive.InvalidArchiveException;
import dev.connectops.cam.record.UploadRecord;
import dev.connectops.cam.upload.UploadException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UploadServiceTest {
    private static final String PRESIGN = "/cam/v1/presigned-upload-url";
    private static final String BUCKET = "/upload-bucket";
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private static final String KEY = "CAMKEY0001ABCDEF";
    private static final String SECRET = "cam-secret-0123456789abcdef";
    private static final String SIGNATURE = "973938866ff1e965b2fd98e31ce664d7abbdd962a2b981adb1effe0840e630e9";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENvalue";
    private static final String CREDENTIAL = "ASIAEXAMPLEKEY/20261203/us-east-1/s3/aws4_request";
    private static final String UPLOAD_ID = "e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension s3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final List<Duration> sleeps = new ArrayList<>();
    private Path archive;
    private byte[] archiveBytes;
    private Path outputFile;

    /** Keeps every line the service writes, by level. */
    static final class RecordingLog implements BuildLog {
        final List<String> info = Collections.synchronizedList(new ArrayList<>());
        final List<String> warn = Collections.synchronizedList(new ArrayList<>());
        final List<String> debug = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String message) {
            info.add(message);
        }

        @Override
        public void warn(String message) {
            warn.add(message);
        }

        @Override
        public void debug(String message) {
            debug.add(message);
        }

        List<String> all() {
            List<String> lines = new ArrayList<>(info);
            lines.addAll(warn);
            lines.addAll(debug);
            return lines;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        archive = dir.resolve("project/target/components/packages/acme-smt-1.0.zip");
        Files.createDirectories(archive.getParent());
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("acme-smt-1.0/lib/acme-smt-1.0.jar"));
            zip.write("pretend this is a jar".repeat(500).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("acme-smt-1.0/manifest.json"));
            zip.write("{\"name\":\"acme-smt\"}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        archiveBytes = Files.readAllBytes(archive);
        outputFile = dir.resolve("project/target/cam-upload.json");
    }

    private UploadService service() {
        return new UploadService(log, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add, () -> 0.5);
    }

    private UploadRequest request(int retries) {
        return new UploadRequest(archive, "target/components/packages/acme-smt-1.0.zip", ContentFormat.ZIP,
                "env-abc123", "AWS", URI.create("http://localhost:" + api.getPort()),
                new ApiCredentials(KEY, SECRET, "test environment variables"), Duration.ofSeconds(5),
                Duration.ofSeconds(5), retries, outputFile, ProxyLookup.DIRECT);
    }

    private UploadRequest request() {
        return request(2);
    }

    private static String policy(String expiration, long min, long max) {
        String json = "{\"expiration\":\"" + expiration + "\",\"conditions\":[{\"bucket\":\"upload-bucket\"},"
                + "[\"starts-with\",\"$key\",\"staging/\"],[\"content-length-range\"," + min + "," + max + "],"
                + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + CREDENTIAL + "\"},"
                + "{\"x-amz-date\":\"20261203T175500Z\"},{\"x-amz-security-token\":\"" + TOKEN + "\"}]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String validPolicy() {
        return policy("2026-12-03T18:55:00.000Z", 1, 10_485_760);
    }

    private String uploadUrl() {
        return "http://localhost:" + s3.getPort() + BUCKET;
    }

    private static String presignedBody(String uploadId, String uploadUrl, String policy) {
        return "{\"api_version\":\"cam/v1\",\"kind\":\"PresignedUrl\",\"content_format\":\"ZIP\",\"cloud\":\"AWS\","
                + "\"environment\":\"env-abc123\",\"upload_id\":\"" + uploadId + "\",\"upload_url\":\"" + uploadUrl
                + "\",\"upload_form_data\":{\"bucket\":\"upload-bucket\",\"key\":\"staging/ccp/v1/org/connect-"
                + uploadId + "/plugin.zip\",\"policy\":\"" + policy + "\",\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\","
                + "\"x-amz-credential\":\"" + CREDENTIAL + "\",\"x-amz-date\":\"20261203T175500Z\","
                + "\"x-amz-security-token\":\"" + TOKEN + "\",\"x-amz-signature\":\"" + SIGNATURE + "\"}}";
    }

    private static ResponseDefinitionBuilder presigned(String uploadId, String uploadUrl, String policy) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", "req-" + uploadId.substring(0, 8))
                .withHeader("X-RateLimit-Limit", "60").withHeader("X-RateLimit-Remaining", "59")
                .withHeader("X-RateLimit-Reset", "30")
                .withBody(presignedBody(uploadId, uploadUrl, policy));
    }

    private void presignAnswers(ResponseDefinitionBuilder response) {
        api.stubFor(post(urlEqualTo(PRESIGN)).willReturn(response));
    }

    private ResponseDefinitionBuilder stored() throws Exception {
        return aResponse().withStatus(204).withHeader("ETag", "\"" + hex("MD5", archiveBytes) + "\"")
                .withHeader("x-amz-request-id", "S3REQ1");
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "S3ERR")
                .withBody("<Error><Code>" + code + "</Code><Message>" + message + "</Message><RequestId>S3ERR"
                        + "</RequestId></Error>");
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private List<LoggedRequest> uploads() {
        return s3.findAll(postRequestedFor(urlEqualTo(BUCKET)));
    }

    private List<LoggedRequest> presigns() {
        return api.findAll(postRequestedFor(urlEqualTo(PRESIGN)));
    }

    @Test
    void successfulUploadWritesTheRecordWithTheDigestsOfTheArchive() throws Exception {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), validPolicy()));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        UploadRecord record = service().upload(request());

        JsonNode json = new ObjectMapper().readTree(outputFile.toFile());
        assertEquals(UPLOAD_ID, json.get("upload_id").asText());
        assertEquals("env-abc123", json.get("environment").asText());
        assertEquals("AWS", json.get("cloud").asText());
        assertEquals("ZIP", json.get("content_format").asText());
        assertEquals("target/components/packages/acme-smt-1.0.zip", json.get("file").asText());
        assertEquals(archiveBytes.length, json.get("size_bytes").asLong());
        assertEquals(hex("SHA-256", archiveBytes), json.get("sha256").asText());
        assertEquals(hex("MD5", archiveBytes), json.get("md5").asText());
        assertEquals("req-e53bb2e8", json.get("request_id").asText());
        assertEquals("2026-12-03T18:00:00Z", json.get("uploaded_at").asText());
        assertEquals(UPLOAD_ID, record.uploadId());
        assertTrue(log.info.contains("upload_id=" + UPLOAD_ID + " file=target/components/packages/acme-smt-1.0.zip size="
                + archiveBytes.length + " bytes environment=env-abc123 took 0.0 s"), String.join("\n", log.info));
    }

    @Test
    void successfulUploadSendsCredentialsOnlyToTheApiAndTheArchiveOnlyToTheUploadHost() throws Exception {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), validPolicy()));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        service().upload(request());

        String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        api.verify(1, postRequestedFor(urlEqualTo(PRESIGN)).withHeader("Authorization", equalTo(basic)));
        assertEquals("{\"content_format\":\"ZIP\",\"cloud\":\"AWS\",\"environment\":\"env-abc123\"}",
                presigns().get(0).getBodyAsString());
        assertEquals(1, uploads().size());
        LoggedRequest upload = uploads().get(0);
        assertFalse(upload.containsHeader("Authorization"));
        assertFalse(upload.getBodyAsString().contains(SECRET));
        byte[] body = upload.getBody();
        byte[] tail = java.util.Arrays.copyOfRange(body, body.length - archiveBytes.length - 100, body.length);
        assertTrue(indexOf(tail, archiveBytes) >= 0, "the archive's bytes are in the last part of the form");
    }

    @Test
    void noLogLineCarriesTheSecretOrAFormSecret() throws Exception {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), validPolicy()));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        service().upload(request());

        String basic = Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertFalse(log.all().isEmpty());
        for (String line : log.all()) {
            for (String secret : List.of(SECRET, basic, validPolicy(), SIGNATURE, TOKEN, CREDENTIAL, KEY)) {
                assertFalse(line.contains(secret), "log line leaks a secret: " + line);
            }
        }
    }

    @Test
    void fileOutsideThePolicySizeRangeFailsBeforeAnyUpload() {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), policy("2026-12-03T18:55:00.000Z", 1, 100)));

        UploadException e = assertThrows(UploadException.class, () -> service().upload(request()));

        assertEquals("The archive is " + archiveBytes.length + " bytes, but the upload policy admits only 1 to 100"
                + " bytes; it was not sent.", e.getMessage());
        assertEquals(0, uploads().size());
        s3.verify(0, anyRequestedFor(anyUrl()));
        assertFalse(Files.exists(outputFile));
    }

    @Test
    void fileSmallerThanThePolicyMinimumFailsBeforeAnyUpload() {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), policy("2026-12-03T18:55:00.000Z", 1_000_000, 2_000_000)));

        UploadException e = assertThrows(UploadException.class, () -> service().upload(request()));

        assertTrue(e.getMessage().contains(archiveBytes.length + " bytes")
                && e.getMessage().contains("1000000 to 2000000"), e.getMessage());
        s3.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void plainHttpUploadUrlToARemoteHostIsRefusedBeforeUploading() {
        presignAnswers(presigned(UPLOAD_ID, "http://example.com/", validPolicy()));

        UploadException e = assertThrows(UploadException.class, () -> service().upload(request()));

        assertEquals("The API handed out an upload URL that is not https (http://example.com); refusing to send the"
                + " archive in clear text.", e.getMessage());
        assertFalse(Files.exists(outputFile));
        assertTrue(log.info.stream().noneMatch(line -> line.startsWith("Uploading ")), String.join("\n", log.info));
    }

    @Test
    void plainHttpUploadUrlToThisMachinesNetworkAddressSendsNothing() throws Exception {
        Optional<String> lanAddress = NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .map(InetAddress::getHostAddress)
                .findFirst();
        assumeTrue(lanAddress.isPresent(), "needs a non-loopback IPv4 address");
        // WireMock listens on every interface, so an upload here would show in its journal.
        s3.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
        presignAnswers(presigned(UPLOAD_ID, "http://" + lanAddress.get() + ":" + s3.getPort() + BUCKET, validPolicy()));

        UploadException e = assertThrows(UploadException.class, () -> service().upload(request()));

        assertTrue(e.getMessage().contains("not https (http://" + lanAddress.get() + ")"), e.getMessage());
        s3.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void expiredPolicyOnlyWarnsAndStillUploads() throws Exception {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), policy("2026-12-03T17:00:00.000Z", 1, 10_485_760)));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        UploadRecord record = service().upload(request());

        assertEquals(List.of("The upload policy expired at 2026-12-03T17:00:00Z by this machine's clock (now"
                + " 2026-12-03T18:00:00Z); uploading anyway, in case the clock is wrong."), log.warn);
        assertEquals(1, uploads().size());
        assertEquals(UPLOAD_ID, record.uploadId());
        assertTrue(Files.exists(outputFile));
    }

    @Test
    void unreadablePolicyIsLeftToTheUploadHost() throws Exception {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), "not-a-policy"));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        service().upload(request());

        assertEquals(1, uploads().size());
        assertEquals(List.of(), log.warn);
    }

    @Test
    void recordOfAnEarlierRunIsRemovedWhenTheApiRefuses() throws Exception {
        Files.createDirectories(outputFile.getParent());
        Files.writeString(outputFile, "{\"upload_id\":\"from-an-earlier-run\"}");
        presignAnswers(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", "req-401")
                .withBody("{\"errors\":[{\"status\":\"401\",\"code\":\"user_unauthenticated\",\"title\":\"Authentication"
                        + " Required\",\"detail\":\"Valid authentication credentials must be provided\"}]}"));

        ApiException e = assertThrows(ApiException.class, () -> service().upload(request()));

        assertEquals(401, e.status());
        assertFalse(Files.exists(outputFile), "the earlier run's record must not survive a failed run");
        assertEquals(1, presigns().size(), "a 401 is not retried");
        assertEquals(List.of(), sleeps);
    }

    @Test
    void recordOfAnEarlierRunIsRemovedWhenTheUploadIsRefused() throws Exception {
        Files.createDirectories(outputFile.getParent());
        Files.writeString(outputFile, "{\"upload_id\":\"from-an-earlier-run\"}");
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), validPolicy()));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the"
                + " maximum allowed size")));

        UploadException e = assertThrows(UploadException.class, () -> service().upload(request()));

        assertEquals("Uploading the archive to localhost failed: HTTP 400 EntityTooLarge: Your proposed upload exceeds"
                + " the maximum allowed size (request id S3ERR)", e.getMessage());
        assertFalse(Files.exists(outputFile));
        assertEquals(1, uploads().size(), "EntityTooLarge is not retried");
    }

    @Test
    void invalidArchiveFailsBeforeAnyNetworkCall() throws Exception {
        Files.writeString(archive, "not a zip");

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> service().upload(request()));

        assertTrue(e.getMessage().contains("is not a ZIP archive"), e.getMessage());
        api.verify(0, anyRequestedFor(anyUrl()));
        s3.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void planSendsNothingAndDescribesTheUploadWithoutTheSecret() throws Exception {
        String plan = service().plan(request());

        assertEquals("Dry run: would upload target/components/packages/acme-smt-1.0.zip (" + archiveBytes.length
                + " bytes, ZIP) to Confluent Cloud environment env-abc123 (cloud AWS) through http://localhost:"
                + api.getPort() + "/cam/v1/presigned-upload-url, with API key CAMK************ from test environment"
                + " variables; no request was sent.", plan);
        assertFalse(plan.contains(SECRET));
        api.verify(0, anyRequestedFor(anyUrl()));
        s3.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void planStillValidatesTheArchive() throws Exception {
        Files.write(archive, new byte[0]);

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> service().plan(request()));

        assertEquals("The archive " + archive + " is empty (0 bytes).", e.getMessage());
        api.verify(0, anyRequestedFor(anyUrl()));
    }

    // Retries (SPEC section 9), with a sleeper that records instead of sleeping.

    @Test
    void presignServerErrorIsRetriedAfterABackoffAndLogged() throws Exception {
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("503").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("X-Request-Id", "req-503"))
                .willSetStateTo("recovered"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("503").whenScenarioStateIs("recovered")
                .willReturn(presigned(UPLOAD_ID, uploadUrl(), validPolicy())));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        UploadRecord record = service().upload(request());

        assertEquals(UPLOAD_ID, record.uploadId());
        assertEquals(2, presigns().size());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertTrue(log.info.contains("Requesting a presigned upload URL failed (HTTP 503); retry 1 of 2 in 1.0 s."),
                String.join("\n", log.info));
    }

    @Test
    void presignServerErrorsStopAfterTheConfiguredRetriesWithGrowingWaits() {
        presignAnswers(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"status\":\"500\",\"code\":\"out_of_gas\",\"title\":\"DeLorean Out Of Gas\"}]}"));

        ApiException e = assertThrows(ApiException.class, () -> service().upload(request(3)));

        assertEquals(500, e.status());
        assertEquals(4, presigns().size(), "the first attempt and three retries");
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
        s3.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void rateLimitedPresignWaitsWhatRetryAfterSays() throws Exception {
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withHeader("X-RateLimit-Reset", "12"))
                .willSetStateTo("open"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("429").whenScenarioStateIs("open")
                .willReturn(presigned(UPLOAD_ID, uploadUrl(), validPolicy())));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        service().upload(request());

        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
        assertEquals(2, presigns().size());
    }

    @Test
    void rateLimitedPresignWithoutRetryAfterWaitsTheRateLimitReset() throws Exception {
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "12"))
                .willSetStateTo("open"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("429").whenScenarioStateIs("open")
                .willReturn(presigned(UPLOAD_ID, uploadUrl(), validPolicy())));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        service().upload(request());

        assertEquals(List.of(Duration.ofSeconds(12)), sleeps);
    }

    @Test
    void rateLimitedPresignWaitsTheFullRetryAfterEvenBeyondThirtySeconds() throws Exception {
        // SPEC 9: "a 429 waits for Retry-After seconds"; the 30 s cap is for the exponential backoff.
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "45"))
                .willSetStateTo("open"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("429").whenScenarioStateIs("open")
                .willReturn(presigned(UPLOAD_ID, uploadUrl(), validPolicy())));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));

        service().upload(request());

        assertEquals(List.of(Duration.ofSeconds(45)), sleeps);
    }

    @Test
    void slowDownFromTheUploadHostIsRetriedWithTheSameFormAndSameBytes() throws Exception {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), validPolicy()));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(s3Error(503, "SlowDown", "Please reduce your request rate.")).willSetStateTo("ok"));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("slow").whenScenarioStateIs("ok").willReturn(stored()));

        UploadRecord record = service().upload(request());

        List<LoggedRequest> uploads = uploads();
        assertEquals(2, uploads.size());
        String first = uploads.get(0).getBodyAsString();
        String second = uploads.get(1).getBodyAsString();
        String boundary0 = uploads.get(0).getHeader("Content-Type").replaceAll(".*boundary=", "");
        String boundary1 = uploads.get(1).getHeader("Content-Type").replaceAll(".*boundary=", "");
        assertEquals(first.replace(boundary0, "B"), second.replace(boundary1, "B"));
        assertEquals(1, presigns().size(), "SlowDown needs no new form");
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertEquals(hex("SHA-256", archiveBytes), record.sha256());
    }

    @Test
    void expiredFormFetchesANewPresignedUrlOnceAndUploadsAgain() throws Exception {
        String secondId = "7c1d4f2a-0000-4000-8000-000000000002";
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("form").whenScenarioStateIs(STARTED)
                .willReturn(presigned(UPLOAD_ID, uploadUrl(), validPolicy())).willSetStateTo("second"));
        api.stubFor(post(urlEqualTo(PRESIGN)).inScenario("form").whenScenarioStateIs("second")
                .willReturn(presigned(secondId, uploadUrl(), validPolicy())));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("expiry").whenScenarioStateIs(STARTED)
                .willReturn(s3Error(403, "AccessDenied", "Invalid according to Policy: Policy expired."))
                .willSetStateTo("fresh"));
        s3.stubFor(post(urlEqualTo(BUCKET)).inScenario("expiry").whenScenarioStateIs("fresh").willReturn(stored()));

        UploadRecord record = service().upload(request());

        assertEquals(2, presigns().size());
        assertEquals(2, uploads().size());
        assertTrue(uploads().get(1).getBodyAsString().contains("connect-" + secondId + "/plugin.zip"),
                "the second upload uses the new form");
        assertEquals(secondId, record.uploadId());
        assertEquals(secondId, new ObjectMapper().readTree(outputFile.toFile()).get("upload_id").asText());
        assertEquals("req-7c1d4f2a", record.requestId());
    }

    @Test
    void expiredFormTwiceFailsAfterOneRenewal() {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), validPolicy()));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(s3Error(400, "ExpiredToken", "The provided token has expired.")));

        UploadException e = assertThrows(UploadException.class, () -> service().upload(request()));

        assertEquals("Uploading the archive to localhost failed: HTTP 400 ExpiredToken: The provided token has expired."
                + " (request id S3ERR)", e.getMessage());
        assertEquals(2, presigns().size());
        assertEquals(2, uploads().size());
        assertFalse(Files.exists(outputFile));
    }

    @Test
    void refusedConnectionToTheApiIsATransferFailureNamingTheHost() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        UploadRequest base = request(0);
        UploadRequest toNowhere = new UploadRequest(base.archive(), base.displayName(), base.contentFormat(),
                base.environment(), base.cloud(), URI.create("http://127.0.0.1:" + closedPort), base.credentials(),
                base.connectTimeout(), base.socketTimeout(), 0, base.outputFile(), ProxyLookup.DIRECT);

        TransferException e = assertThrows(TransferException.class, () -> service().upload(toNowhere));

        assertTrue(e.getMessage().startsWith("Requesting a presigned upload URL from 127.0.0.1 failed: the connection"
                + " was refused or the host is unreachable"), e.getMessage());
        assertFalse(Files.exists(outputFile));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
