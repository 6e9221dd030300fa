package dev.connectops.cam.upload;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectops.cam.http.ProxyLookup;
import dev.connectops.cam.http.HttpClientFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PresignedPostUploadTest {
    private static final String BUCKET_PATH = "/upload-bucket";
    private static final String FILE_NAME = "my-connector-1.0.zip";
    private static final String POLICY = "eyJleHBpcmF0aW9uIjoiMjAyNi0xMi0wM1QxOTowMDowMC4wMDBaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoidXBsb2FkLWJ1Y2tldCJ9XX0=";
    private static final String SIGNATURE = "973938866ff1e965b2fd98e31ce664d7abbdd962a2b981adb1effe0840e630e9";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENvalue";
    private static final String CREDENTIAL = "ASIAEXAMPLEKEY/20261203/us-east-1/s3/aws4_request";

    @RegisterExtension
    static WireMockExtension s3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    private final HttpClientFactory clients = new HttpClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(5),
            ProxyLookup.DIRECT);
    private CloseableHttpClient http;
    private final List<String> progressLines = new ArrayList<>();
    private Path archive;
    private byte[] archiveBytes;

    @BeforeEach
    void setUp() throws IOException {
        http = clients.create();
        archiveBytes = new byte[100_003];
        new Random(42).nextBytes(archiveBytes);
        // Make sure bytes that look like multipart syntax are in the file and survive untouched.
        byte[] tricky = "\r\n--not-a-boundary\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tricky, 0, archiveBytes, 500, tricky.length);
        archive = Files.write(dir.resolve(FILE_NAME), archiveBytes);
    }

    @AfterEach
    void closeClient() throws IOException {
        http.close();
    }

    /** Fields in the order the API handed them out: not alphabetical, not S3's documented order. */
    private static Map<String, String> formFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "staging/ccp/v1/org/connect-e53bb2e8/plugin.zip");
        fields.put("x-amz-signature", SIGNATURE);
        fields.put("bucket", "upload-bucket");
        fields.put("policy", POLICY);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", CREDENTIAL);
        fields.put("x-amz-date", "20261203T180000Z");
        fields.put("x-amz-security-token", TOKEN);
        return fields;
    }

    private PresignedPost form() {
        return new PresignedPost(URI.create("http://localhost:" + s3.getPort() + BUCKET_PATH), formFields());
    }

    private PresignedPostUpload uploader(Clock clock) {
        return new PresignedPostUpload(http, clients.uploadRequestConfig(), clock, progressLines::add);
    }

    private UploadReceipt upload() throws Exception {
        return uploader(Clock.fixed(Instant.parse("2026-12-03T18:00:00Z"), ZoneOffset.UTC))
                .upload(form(), archive, FILE_NAME, archiveBytes.length);
    }

    private UploadException uploadFails() {
        return assertThrows(UploadException.class, this::upload);
    }

    private void answer(ResponseDefinitionBuilder response) {
        s3.stubFor(post(urlEqualTo(BUCKET_PATH)).willReturn(response));
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code, String message, String requestId) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", requestId)
                .withHeader("x-amz-id-2", "hostid/abc=")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + message + "</Message><RequestId>" + requestId + "</RequestId><HostId>hostid/abc=</HostId>"
                        + "</Error>");
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = s3.findAll(postRequestedFor(urlEqualTo(BUCKET_PATH)));
        assertEquals(1, requests.size());
        return requests.get(0);
    }

    private static String boundaryOf(LoggedRequest request) {
        String contentType = request.getHeader("Content-Type");
        assertTrue(contentType.startsWith("multipart/form-data;"), "Content-Type: " + contentType);
        Matcher m = Pattern.compile(";\\s*boundary=\"?([^\";]+)\"?").matcher(contentType);
        assertTrue(m.find(), "Content-Type: " + contentType);
        return m.group(1);
    }

    /** One part of a multipart body: its header lines and its content, bytes as ISO-8859-1 characters. */
    private record Part(List<String> headers, String content) {
    }

    private static List<Part> parts(LoggedRequest request) {
        String boundary = boundaryOf(request);
        String body = new String(request.getBody(), StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        assertTrue(body.startsWith(delimiter + "\r\n"), "body starts with the first delimiter");
        assertTrue(body.endsWith("\r\n" + delimiter + "--\r\n"), "body ends with the close delimiter");
        String inner = body.substring(delimiter.length() + 2, body.length() - (delimiter.length() + 6));
        List<Part> parts = new ArrayList<>();
        for (String raw : inner.split(Pattern.quote("\r\n" + delimiter + "\r\n"), -1)) {
            int split = raw.indexOf("\r\n\r\n");
            assertTrue(split >= 0, "part has a header block");
            parts.add(new Part(List.of(raw.substring(0, split).split("\r\n")), raw.substring(split + 4)));
        }
        return parts;
    }

    @Test
    void everyFormFieldIsSentInOrderAsABrowserStyleTextPartThenTheFileLast() throws Exception {
        answer(aResponse().withStatus(204));

        upload();

        List<Part> parts = parts(onlyRequest());
        Map<String, String> fields = formFields();
        assertEquals(fields.size() + 1, parts.size());
        int i = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            Part part = parts.get(i++);
            assertEquals(List.of("Content-Disposition: form-data; name=\"" + field.getKey() + "\""), part.headers(),
                    "text part " + field.getKey() + " carries only its Content-Disposition");
            assertEquals(field.getValue(), part.content());
        }
        Part file = parts.get(parts.size() - 1);
        assertEquals(List.of("Content-Disposition: form-data; name=\"file\"; filename=\"" + FILE_NAME + "\"",
                "Content-Type: application/octet-stream"), file.headers());
        assertArrayEquals(archiveBytes, file.content().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void bodyIsExactlyTheFieldsThenOneFilePartByteForByte() throws Exception {
        answer(aResponse().withStatus(204));

        upload();

        LoggedRequest request = onlyRequest();
        String b = boundaryOf(request);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : formFields().entrySet()) {
            expected.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        expected.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + FILE_NAME
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(archiveBytes);
        expected.writeBytes(("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected.toByteArray(), request.getBody());
        int fileParts = request.getBodyAsString().split("name=\"file\"", -1).length - 1;
        assertEquals(1, fileParts, "exactly one file part");
    }

    @Test
    void requestHasAFixedContentLengthNoChunkingAndNoAuthorization() throws Exception {
        answer(aResponse().withStatus(204));

        upload();

        LoggedRequest request = onlyRequest();
        assertEquals(String.valueOf(request.getBody().length), request.getHeader("Content-Length"));
        assertFalse(request.containsHeader("Transfer-Encoding"), "no Transfer-Encoding header");
        assertFalse(request.containsHeader("Authorization"), "no Authorization header");
        assertFalse(request.containsHeader("Cookie"), "no Cookie header");
        assertTrue(request.getHeader("Content-Type").startsWith("multipart/form-data"));
    }

    @Test
    void fieldValuesWithNonAsciiCharactersAreSentAsUtf8() throws Exception {
        answer(aResponse().withStatus(204));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "uploads/café-ü.zip");
        fields.put("policy", POLICY);

        uploader(Clock.systemUTC()).upload(new PresignedPost(URI.create("http://localhost:" + s3.getPort()
                + BUCKET_PATH), fields), archive, FILE_NAME, archiveBytes.length);

        Part key = parts(onlyRequest()).get(0);
        assertEquals("uploads/café-ü.zip",
                new String(key.content().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    @Test
    void noContentWithMatchingEtagGivesAReceiptWithTheDigestsOfTheBytesSent() throws Exception {
        String md5 = hex("MD5", archiveBytes);
        answer(aResponse().withStatus(204).withHeader("ETag", "\"" + md5 + "\"")
                .withHeader("x-amz-request-id", "REQ204"));

        UploadReceipt receipt = upload();

        assertEquals(204, receipt.status());
        assertEquals(md5, receipt.etag());
        assertEquals(md5, receipt.md5Hex());
        assertEquals(hex("SHA-256", archiveBytes), receipt.sha256Hex());
        assertEquals("REQ204", receipt.requestId());
        assertEquals(archiveBytes.length, receipt.bytes());
        assertEquals(Duration.ZERO, receipt.elapsed());
        assertEquals(List.of(), progressLines, "a quick upload prints no progress line");
    }

    @Test
    void upperCaseEtagOfTheRightMd5IsAccepted() throws Exception {
        String md5 = hex("MD5", archiveBytes);
        answer(aResponse().withStatus(204).withHeader("ETag", "\"" + md5.toUpperCase() + "\""));

        assertEquals(md5, upload().md5Hex());
    }

    @Test
    void mismatchingEtagFailsNamingBothDigests() throws Exception {
        String md5 = hex("MD5", archiveBytes);
        String wrong = "0123456789abcdef0123456789abcdef";
        answer(aResponse().withStatus(204).withHeader("ETag", "\"" + wrong + "\"")
                .withHeader("x-amz-request-id", "REQMD5"));

        UploadException e = uploadFails();

        assertEquals("The upload host stored different bytes than were sent: its ETag " + wrong + " is not the MD5 "
                + md5 + " of " + FILE_NAME + " (request id REQMD5). Run the upload again.", e.getMessage());
        assertEquals("ETagMismatch", e.code());
        assertEquals(204, e.status());
    }

    @Test
    void multipartStyleEtagIsNotTakenForAnMd5() throws Exception {
        answer(aResponse().withStatus(204).withHeader("ETag", "\"abc-2\""));

        UploadReceipt receipt = upload();

        assertEquals("abc-2", receipt.etag());
        assertEquals(hex("MD5", archiveBytes), receipt.md5Hex());
    }

    @Test
    void missingEtagIsAccepted() throws Exception {
        answer(aResponse().withStatus(204));

        UploadReceipt receipt = upload();

        assertNull(receipt.etag());
        assertEquals(hex("SHA-256", archiveBytes), receipt.sha256Hex());
    }

    @Test
    void anyTwoHundredStatusIsSuccess() throws Exception {
        answer(aResponse().withStatus(201).withHeader("Content-Type", "application/xml")
                .withBody("<PostResponse><Location>http://x/upload-bucket/k</Location><Bucket>upload-bucket</Bucket>"
                        + "<Key>k</Key><ETag>\"" + hex("MD5", archiveBytes) + "\"</ETag></PostResponse>"));

        assertEquals(201, upload().status());
    }

    @Test
    void policyExpiredGivesStatusCodeMessageAndRequestId() {
        answer(s3Error(403, "AccessDenied", "Invalid according to Policy: Policy expired.", "REQ403"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 403 AccessDenied: Invalid according to Policy:"
                + " Policy expired. (request id REQ403)", e.getMessage());
        assertEquals(403, e.status());
        assertEquals("AccessDenied", e.code());
    }

    @Test
    void entityTooLargeGivesStatusCodeMessageAndRequestId() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "REQ400")
                .withBody("<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed"
                        + " size</Message><ProposedSize>100003</ProposedSize><MaxSizeAllowed>1024</MaxSizeAllowed>"
                        + "<RequestId>REQ400</RequestId></Error>"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 400 EntityTooLarge: Your proposed upload exceeds"
                + " the maximum allowed size (request id REQ400)", e.getMessage());
        assertEquals("EntityTooLarge", e.code());
    }

    @Test
    void slowDownGivesStatusCodeMessageAndRequestId() {
        answer(s3Error(503, "SlowDown", "Please reduce your request rate.", "REQ503"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 503 SlowDown: Please reduce your request rate."
                + " (request id REQ503)", e.getMessage());
        assertEquals(503, e.status());
        assertEquals("SlowDown", e.code());
    }

    @Test
    void requestIdComesFromTheXmlBodyWhenTheHeaderIsMissing() {
        answer(aResponse().withStatus(400).withBody("<Error><Code>InvalidArgument</Code><Message>Unsupported"
                + " Authorization Type</Message><RequestId>BODYID</RequestId></Error>"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 400 InvalidArgument: Unsupported Authorization"
                + " Type (request id BODYID)", e.getMessage());
    }

    @Test
    void emptyForbiddenGivesStatusAndSaysTheBodyIsEmpty() {
        answer(aResponse().withStatus(403).withHeader("x-amz-request-id", "REQEMPTY"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 403, body: (empty body) (request id REQEMPTY)",
                e.getMessage());
        assertNull(e.code());
    }

    @Test
    void htmlBadGatewayGivesStatusAndTheStartOfThePage() {
        answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad"
                        + " Gateway</h1></center>\r\n</body>\r\n</html>\r\n"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 502, body: <html> <head><title>502 Bad Gateway"
                + "</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html> (request id not"
                + " given)", e.getMessage());
        assertEquals(502, e.status());
    }

    @Test
    void s3MessageEchoingTheTokenIsRedacted() {
        answer(s3Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\","
                + " \"$x-amz-security-token\", \"" + TOKEN + "\"]", "REQTOK"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 403 AccessDenied: Invalid according to Policy:"
                + " Policy Condition failed: [\"eq\", \"$x-amz-security-token\", \"****\"] (request id REQTOK)",
                e.getMessage());
    }

    @Test
    void s3MessageEchoingPolicySignatureAndCredentialHasNoneOfThem() {
        answer(s3Error(403, "SignatureDoesNotMatch", "policy " + POLICY + " signed " + SIGNATURE + " by " + CREDENTIAL,
                "REQSIG"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 403 SignatureDoesNotMatch: policy **** signed"
                + " **** by **** (request id REQSIG)", e.getMessage());
    }

    @Test
    void unparsableErrorPageEchoingTheFormIsRedactedBeforeItIsCut() {
        // A proxy's error page that echoes the form; the signature straddles the 200-character excerpt limit.
        String page = "<html><body><p>" + "x".repeat(150) + " x-amz-signature=" + SIGNATURE + " more</p></body></html>";
        assertTrue(page.indexOf(SIGNATURE) < 200 && page.indexOf(SIGNATURE) + SIGNATURE.length() > 200);
        answer(aResponse().withStatus(400).withHeader("Content-Type", "text/html").withBody(page));

        UploadException e = uploadFails();

        assertTrue(e.getMessage().startsWith("Uploading the archive to localhost failed: HTTP 400, body: <html>"),
                e.getMessage());
        assertFalse(e.getMessage().contains(SIGNATURE.substring(0, 12)),
                "message shows the start of the signature: " + e.getMessage());
    }

    @Test
    void temporaryRedirectIsNotFollowed() {
        elsewhere.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
        answer(aResponse().withStatus(307).withHeader("Location", "http://127.0.0.1:" + elsewhere.getPort()
                + "/stolen"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 307 (a redirect, which is not followed for an"
                + " upload) (request id not given)", e.getMessage());
        assertEquals(1, s3.getAllServeEvents().size());
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void permanentRedirectIsNotFollowed() {
        elsewhere.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
        answer(s3Error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the"
                + " specified endpoint.", "REQ301").withHeader("Location", "http://127.0.0.1:" + elsewhere.getPort()
                + "/"));

        UploadException e = uploadFails();

        assertEquals("Uploading the archive to localhost failed: HTTP 301 (a redirect, which is not followed for an"
                + " upload) (request id REQ301)", e.getMessage());
        assertEquals(301, e.status());
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void formIsAOneOffStreamOfFixedLength() {
        DigestingFileBody body = new DigestingFileBody(archive, FILE_NAME, archiveBytes.length,
                new UploadProgress(Clock.systemUTC(), UploadProgress.DEFAULT_INTERVAL, archiveBytes.length, line -> {
                }), ArchiveSource.FILES);

        HttpEntity entity = PresignedPostUpload.form(formFields(), body, null);

        assertFalse(entity.isRepeatable(), "HttpClient must not send the archive again on its own");
        assertTrue(entity.isStreaming());
        assertFalse(entity.isChunked());
        assertTrue(entity.getContentLength() > archiveBytes.length, "length: " + entity.getContentLength());
    }

    @Test
    void eachAttemptReadsTheArchiveOnceAndNeverMore() throws Exception {
        CountingArchiveSource source = new CountingArchiveSource();
        PresignedPostUpload uploader = new PresignedPostUpload(http, clients.uploadRequestConfig(), Clock.systemUTC(),
                progressLines::add, source);
        s3.stubFor(post(urlEqualTo(BUCKET_PATH)).inScenario("retry").whenScenarioStateIs(STARTED)
                .willReturn(s3Error(503, "SlowDown", "Please reduce your request rate.", "REQ1"))
                .willSetStateTo("second"));
        s3.stubFor(post(urlEqualTo(BUCKET_PATH)).inScenario("retry").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(204).withHeader("ETag", "\"" + hex("MD5", archiveBytes) + "\"")));

        assertThrows(UploadException.class, () -> uploader.upload(form(), archive, FILE_NAME, archiveBytes.length));
        assertEquals(1, source.opens());
        assertEquals(archiveBytes.length, source.bytesRead());

        UploadReceipt receipt = uploader.upload(form(), archive, FILE_NAME, archiveBytes.length);
        assertEquals(2, source.opens(), "the second attempt reads the archive again");
        assertEquals(2L * archiveBytes.length, source.bytesRead());
        assertEquals(hex("SHA-256", archiveBytes), receipt.sha256Hex());
        for (LoggedRequest request : s3.findAll(postRequestedFor(urlEqualTo(BUCKET_PATH)))) {
            assertArrayEquals(archiveBytes, parts(request).get(formFields().size()).content()
                    .getBytes(StandardCharsets.ISO_8859_1), "each attempt sent the whole archive");
        }
    }

    @Test
    void uploadWaitsForTheAnswerAsLongAsItsOwnSettingsSayNotTheClientDefaults() {
        // The client would wait 5 s for an answer; the upload's own settings allow 300 ms.
        RequestConfig impatient = RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(300))
                .setRedirectsEnabled(false).build();
        PresignedPostUpload uploader = new PresignedPostUpload(http, impatient, Clock.systemUTC(), progressLines::add);
        answer(aResponse().withStatus(204).withFixedDelay(3_000));

        assertThrows(SocketTimeoutException.class,
                () -> uploader.upload(form(), archive, FILE_NAME, archiveBytes.length));
    }

    @Test
    void hostThatStopsReadingIsCutOffAfterSocketTimeoutRatherThanHangingTheBuild() throws Exception {
        // More than the loopback socket buffers of both ends hold, so a write blocks once the host stops reading.
        long size = 64L * 1024 * 1024;
        Path big = dir.resolve("big.zip");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(size);
        }
        RequestConfig impatient = RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(500))
                .setRedirectsEnabled(false).build();
        PresignedPostUpload uploader = new PresignedPostUpload(http, impatient, Clock.systemUTC(), progressLines::add);
        try (ServerSocket host = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(host.accept()); // and never read from it
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            PresignedPost post = new PresignedPost(URI.create("http://127.0.0.1:" + host.getLocalPort()
                    + BUCKET_PATH), formFields());

            // Without the guard the write would block forever; the preemptive timeout turns that into a failure.
            StalledUploadException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    StalledUploadException.class, () -> uploader.upload(post, big, "big.zip", size)));

            assertEquals("the upload host took no data for 0.5 s (socketTimeout) while the archive was being sent,"
                    + " so the connection was closed", e.getMessage());
            acceptor.join(5_000);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void slowUploadPrintsProgressLines() throws Exception {
        answer(aResponse().withStatus(204));
        // Every reading of this clock is 3 s after the previous one: the upload "takes" minutes.
        Clock slow = new Clock() {
            private Instant now = Instant.parse("2026-12-03T18:00:00Z");

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(3);
                return now;
            }
        };
        byte[] big = new byte[2_000_000];
        Path file = Files.write(dir.resolve("big.zip"), big);

        uploader(slow).upload(form(), file, "big.zip", big.length);

        assertFalse(progressLines.isEmpty(), "a long upload reports its progress");
        for (String line : progressLines) {
            assertTrue(line.matches("Uploading: \\d{1,3}% \\(\\d+(\\.\\d)? (B|kB|MB) of 2\\.0 MB\\) at \\d+\\.\\d (kB|MB)/s"), line);
        }
    }
}
