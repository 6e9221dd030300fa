package dev.connectops.cam.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectops.cam.api.ApiCredentials;
import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.http.ProxyLookup;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What the service-level tests share: a connector archive on disk, a WireMock Confluent API and a
 * WireMock upload host with answers shaped like the real ones, and an {@link UploadService} whose
 * clock is fixed, whose jitter is 0.5 (so backoffs are exactly 1, 2, 4 … s) and whose sleeper only
 * records the waits.
 */
final class UploadFixture {
    static final String PRESIGN = "/cam/v1/presigned-upload-url";
    static final String BUCKET = "/upload-bucket";
    static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    static final String KEY = "CAMKEY0001ABCDEF";
    static final String SECRET = "cam-secret-0123456789abcdef";
    static final String SIGNATURE = "973938866ff1e965b2fd98e31ce664d7abbdd962a2b981adb1effe0840e630e9";
    static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENvalue";
    static final String CREDENTIAL = "ASIAEXAMPLEKEY/20261203/us-east-1/s3/aws4_request";
    static final String UPLOAD_ID = "e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66";
    static final String DISPLAY_NAME = "target/components/packages/acme-smt-1.0.zip";

    final WireMockExtension api;
    final WireMockExtension s3;
    final Path archive;
    final Path outputFile;
    final RecordingBuildLog log = new RecordingBuildLog();
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private byte[] archiveBytes;

    UploadFixture(WireMockExtension api, WireMockExtension s3, Path dir) throws IOException {
        this.api = api;
        this.s3 = s3;
        this.archive = dir.resolve("project/" + DISPLAY_NAME);
        this.outputFile = dir.resolve("project/target/cam-upload.json");
        Files.createDirectories(archive.getParent());
        writeArchive(64 * 1024);
    }

    /**
     * (Re)writes the archive as a ZIP with one stored entry of {@code payloadBytes} random bytes, so the
     * archive is about that size whatever the compression.
     */
    void writeArchive(int payloadBytes) throws IOException {
        byte[] payload = new byte[payloadBytes];
        new Random(42).nextBytes(payload);
        CRC32 crc = new CRC32();
        crc.update(payload);
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry jar = new ZipEntry("acme-smt-1.0/lib/acme-smt-1.0.jar");
            jar.setMethod(ZipEntry.STORED);
            jar.setSize(payload.length);
            jar.setCrc(crc.getValue());
            zip.putNextEntry(jar);
            zip.write(payload);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("acme-smt-1.0/manifest.json"));
            zip.write("{\"name\":\"acme-smt\"}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        archiveBytes = Files.readAllBytes(archive);
    }

    byte[] archiveBytes() {
        return archiveBytes.clone();
    }

    UploadService service() {
        return new UploadService(log, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add, () -> 0.5);
    }

    UploadRequest request(int retries) {
        return request(retries, Duration.ofSeconds(5));
    }

    UploadRequest request(int retries, Duration socketTimeout) {
        return request(retries, socketTimeout, outputFile);
    }

    UploadRequest request(int retries, Duration socketTimeout, Path recordFile) {
        return new UploadRequest(archive, DISPLAY_NAME, ContentFormat.ZIP, "env-abc123", "AWS",
                URI.create("http://localhost:" + api.getPort()),
                new ApiCredentials(KEY, SECRET, "test environment variables"), Duration.ofSeconds(5),
                socketTimeout, retries, recordFile, ProxyLookup.DIRECT);
    }

    /** A record as an earlier, successful run would have left it. */
    void recordOfAnEarlierRun() throws IOException {
        Files.createDirectories(outputFile.getParent());
        Files.writeString(outputFile, "{\"upload_id\":\"from-an-earlier-run\"}");
    }

    String uploadUrl() {
        return "http://localhost:" + s3.getPort() + BUCKET;
    }

    static String policy(String expiration, long min, long max) {
        String json = "{\"expiration\":\"" + expiration + "\",\"conditions\":[{\"bucket\":\"upload-bucket\"},"
                + "[\"starts-with\",\"$key\",\"staging/\"],[\"content-length-range\"," + min + "," + max + "],"
                + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + CREDENTIAL + "\"},"
                + "{\"x-amz-date\":\"20261203T175500Z\"},{\"x-amz-security-token\":\"" + TOKEN + "\"}]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Valid for 55 more minutes by the fixed clock. */
    static String validPolicy() {
        return policy("2026-12-03T18:55:00.000Z", 1, 10_485_760);
    }

    /** Expired an hour before the fixed clock's now. */
    static String expiredPolicy() {
        return policy("2026-12-03T17:00:00.000Z", 1, 10_485_760);
    }

    static String presignedBody(String uploadId, String uploadUrl, String policy) {
        return "{\"api_version\":\"cam/v1\",\"kind\":\"PresignedUrl\",\"content_format\":\"ZIP\",\"cloud\":\"AWS\","
                + "\"environment\":\"env-abc123\",\"upload_id\":\"" + uploadId + "\",\"upload_url\":\"" + uploadUrl
                + "\",\"upload_form_data\":{\"bucket\":\"upload-bucket\",\"key\":\"" + objectKey(uploadId)
                + "\",\"policy\":\"" + policy + "\",\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\","
                + "\"x-amz-credential\":\"" + CREDENTIAL + "\",\"x-amz-date\":\"20261203T175500Z\","
                + "\"x-amz-security-token\":\"" + TOKEN + "\",\"x-amz-signature\":\"" + SIGNATURE + "\"}}";
    }

    /** The form's {@code key}: one per upload_id, so a request shows which form it used. */
    static String objectKey(String uploadId) {
        return "staging/ccp/v1/org/connect-" + uploadId + "/plugin.zip";
    }

    /** The request id the API sends with the presigned URL for {@code uploadId}. */
    static String presignRequestId(String uploadId) {
        return "req-" + uploadId.substring(0, 8);
    }

    static ResponseDefinitionBuilder presigned(String uploadId, String uploadUrl, String policy) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", presignRequestId(uploadId))
                .withHeader("X-RateLimit-Limit", "60").withHeader("X-RateLimit-Remaining", "59")
                .withHeader("X-RateLimit-Reset", "30")
                .withBody(presignedBody(uploadId, uploadUrl, policy));
    }

    ResponseDefinitionBuilder presigned(String uploadId) {
        return presigned(uploadId, uploadUrl(), validPolicy());
    }

    void presignAnswers(ResponseDefinitionBuilder response) {
        api.stubFor(post(urlEqualTo(PRESIGN)).willReturn(response));
    }

    /** S3's 204, with the ETag of what it stored: the archive. */
    ResponseDefinitionBuilder stored() {
        return aResponse().withStatus(204).withHeader("ETag", "\"" + hex("MD5", archiveBytes) + "\"")
                .withHeader("x-amz-request-id", "S3REQ1");
    }

    /** An S3 error document; the request id is in the header and in the body, as S3 sends it. */
    static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "S3ERR")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + message + "</Message><RequestId>S3ERR</RequestId><HostId>hostid/abc=</HostId></Error>");
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<LoggedRequest> uploads() {
        return s3.findAll(postRequestedFor(urlEqualTo(BUCKET)));
    }

    List<LoggedRequest> presigns() {
        return api.findAll(postRequestedFor(urlEqualTo(PRESIGN)));
    }

    /** Every form in which a secret could leak: the API secret, the Basic token, the form's secret values. */
    static List<String> secrets() {
        String basic = Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        return List.of(SECRET, basic, validPolicy(), expiredPolicy(), SIGNATURE, TOKEN, CREDENTIAL, KEY);
    }

    /** The content of the multipart part named {@code file}, byte for byte. */
    static byte[] filePart(LoggedRequest upload) {
        Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)").matcher(upload.getHeader("Content-Type"));
        if (!boundary.find()) {
            throw new AssertionError("no boundary in " + upload.getHeader("Content-Type"));
        }
        String body = new String(upload.getBody(), StandardCharsets.ISO_8859_1);
        int header = body.indexOf("Content-Disposition: form-data; name=\"file\"");
        if (header < 0) {
            throw new AssertionError("no file part");
        }
        int start = body.indexOf("\r\n\r\n", header) + 4;
        int end = body.indexOf("\r\n--" + boundary.group(1), start);
        if (end < 0) {
            throw new AssertionError("the file part is not closed by a delimiter: the body was cut off");
        }
        return body.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
    }
}
