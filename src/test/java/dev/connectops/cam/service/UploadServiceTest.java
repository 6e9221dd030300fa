package dev.connectops.cam.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectops.cam.service.UploadFixture.BUCKET;
import static dev.connectops.cam.service.UploadFixture.CREDENTIAL;
import static dev.connectops.cam.service.UploadFixture.KEY;
import static dev.connectops.cam.service.UploadFixture.PRESIGN;
import static dev.connectops.cam.service.UploadFixture.SECRET;
import static dev.connectops.cam.service.UploadFixture.SIGNATURE;
import static dev.connectops.cam.service.UploadFixture.TOKEN;
import static dev.connectops.cam.service.UploadFixture.UPLOAD_ID;
import static dev.connectops.cam.service.UploadFixture.hex;
import static dev.connectops.cam.service.UploadFixture.policy;
import static dev.connectops.cam.service.UploadFixture.presigned;
import static dev.connectops.cam.service.UploadFixture.validPolicy;
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
import dev.connectops.cam.archive.InvalidArchiveException;
import dev.connectops.cam.record.UploadRecord;
import dev.connectops.cam.upload.UploadException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The upload when nothing goes wrong on the wire; failures and retries are in {@link UploadServiceFaultTest}. */
class UploadServiceTest {
    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension s3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private UploadFixture fixture;
    private RecordingBuildLog log;
    private Path archive;
    private byte[] archiveBytes;
    private Path outputFile;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new UploadFixture(api, s3, dir);
        log = fixture.log;
        archive = fixture.archive;
        archiveBytes = fixture.archiveBytes();
        outputFile = fixture.outputFile;
    }

    private UploadService service() {
        return fixture.service();
    }

    private UploadRequest request() {
        return fixture.request(2);
    }

    private String uploadUrl() {
        return fixture.uploadUrl();
    }

    private void presignAnswers(ResponseDefinitionBuilder response) {
        fixture.presignAnswers(response);
    }

    private ResponseDefinitionBuilder stored() {
        return fixture.stored();
    }

    private List<LoggedRequest> uploads() {
        return fixture.uploads();
    }

    private List<LoggedRequest> presigns() {
        return fixture.presigns();
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
    void recordThatCannotBeWrittenAfterTheUploadStillGivesTheUserTheUploadId() throws Exception {
        presignAnswers(presigned(UPLOAD_ID, uploadUrl(), validPolicy()));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(stored()));
        // A file where the record's directory should be: the write fails only after the upload.
        Path blocker = Files.writeString(outputFile.getParent().getParent().resolve("blocker"), "not a directory");
        Path unwritable = blocker.resolve("cam-upload.json");

        IOException e = assertThrows(IOException.class,
                () -> service().upload(fixture.request(2, Duration.ofSeconds(5), unwritable)));

        assertTrue(e.getMessage().startsWith("The upload record " + unwritable + " (outputFile, -Dcam.outputFile)"
                + " cannot be written (FileAlreadyExistsException: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(". The upload itself succeeded: upload_id=" + UPLOAD_ID + "."),
                e.getMessage());
        assertTrue(log.info.stream().anyMatch(line -> line.startsWith("upload_id=" + UPLOAD_ID + " ")),
                String.join("\n", log.info));
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/relative/path           | no scheme, no host",
        "ftp://files.example.com/ | ftp, host files.example.com",
        "https://u:p@s3.example.com/ | https, host s3.example.com"})
    void uploadUrlThatIsNotAPlainHttpsUrlIsRefusedWithoutRetrying(String url, String described) {
        presignAnswers(presigned(UPLOAD_ID, url, validPolicy()));

        UploadException e = assertThrows(UploadException.class, () -> service().upload(request()));

        assertEquals("The API handed out an upload URL that is not an https URL with a host and nothing else in its"
                + " authority (" + described + "); not uploading.", e.getMessage());
        assertFalse(Files.exists(outputFile));
        assertTrue(log.info.stream().noneMatch(line -> line.contains("retry")), String.join("\n", log.info));
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
