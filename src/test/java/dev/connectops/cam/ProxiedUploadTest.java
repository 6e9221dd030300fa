package dev.connectops.cam;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectops.cam.api.ApiCredentials;
import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.http.LoopbackForwardProxy;
import dev.connectops.cam.http.LoopbackForwardProxy.Exchange;
import dev.connectops.cam.http.LoopbackForwardProxy.ProxyAuthorization;
import dev.connectops.cam.record.UploadRecord;
import dev.connectops.cam.service.TransferException;
import dev.connectops.cam.service.UploadRequest;
import dev.connectops.cam.service.UploadService;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real upload through a real forward proxy on loopback, with the proxy chosen by {@link ResolverProxyLookup}
 * from a settings.xml proxy (encrypted password) the way Maven 3.9 hands it over. WireMock plays the Confluent
 * API and the upload host; {@link LoopbackForwardProxy} demands the proxy's Basic credentials and records what
 * passed through it.
 */
class ProxiedUploadTest {
    private static final String PRESIGN = "/cam/v1/presigned-upload-url";
    private static final String BUCKET = "/upload-bucket";
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private static final String KEY = "CAMKEY0001ABCDEF";
    private static final String SECRET = "cam-secret-0123456789abcdef";
    private static final String UPLOAD_ID = "0b9d3f5e-5c8e-4a51-9b8c-2f1e7d6a4c3b";
    private static final String PROXY_USER = "proxyuser";
    /** What the fixture's encrypted proxy password decrypts to. */
    private static final String PROXY_PASSWORD = "proxyPass-42";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension s3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static String inheritedSettingsSecurity;

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final List<Duration> sleeps = new ArrayList<>();
    private LoopbackForwardProxy proxy;
    private Path archive;
    private byte[] archiveBytes;
    private Path outputFile;

    @BeforeAll
    static void clearSettingsSecurityProperty() {
        inheritedSettingsSecurity = SettingsFixture.clearSettingsSecurityProperty();
    }

    @AfterAll
    static void restoreSettingsSecurityProperty() {
        SettingsFixture.restoreSettingsSecurityProperty(inheritedSettingsSecurity);
    }

    @BeforeEach
    void setUp() throws Exception {
        proxy = LoopbackForwardProxy.start(PROXY_USER, PROXY_PASSWORD);
        archive = dir.resolve("connector.zip");
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("lib/connector.bin"));
            zip.write(noise);
            zip.closeEntry();
        }
        archiveBytes = Files.readAllBytes(archive);
        outputFile = dir.resolve("target/cam-upload.json");
        api.stubFor(post(urlEqualTo(PRESIGN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Request-Id", "req-proxied")
                .withBody(presignedBody())));
        s3.stubFor(post(urlEqualTo(BUCKET)).willReturn(aResponse().withStatus(204)
                .withHeader("ETag", "\"" + hex("MD5", archiveBytes) + "\"").withHeader("x-amz-request-id", "S3REQ")));
    }

    @AfterEach
    void stopProxy() throws IOException {
        proxy.close();
    }

    @Test
    void presignAndUploadPassThroughTheProxyWithItsCredentialsOnTheFirstTry() throws Exception {
        UploadRecord record = upload(settings(null), apiUrl("127.0.0.1"));

        assertEquals(UPLOAD_ID, record.uploadId());
        List<Exchange> exchanges = proxy.exchanges();
        assertEquals(2, exchanges.size(), "no 407 round: the credentials went with the first request " + exchanges);
        Exchange presign = exchanges.get(0);
        assertEquals(new Exchange("POST", apiUrl("127.0.0.1") + PRESIGN, ProxyAuthorization.EXPECTED, true,
                presign.bodyBytes(), 200), presign);
        Exchange upload = exchanges.get(1);
        assertEquals(new Exchange("POST", uploadUrl(), ProxyAuthorization.EXPECTED, false, upload.bodyBytes(), 204),
                upload, "the upload carries the proxy's credentials but no Authorization of its own");

        LoggedRequest stored = single(s3.findAll(postRequestedFor(urlEqualTo(BUCKET))));
        assertFalse(stored.containsHeader("Authorization"));
        assertFalse(stored.containsHeader("Proxy-Authorization"));
        assertEquals(upload.bodyBytes(), stored.getBody().length, "the whole form passed the proxy");
        Request.Part file = stored.getPart("file");
        assertArrayEquals(archiveBytes, file.getBody().asBytes(), "the upload host received the whole archive");
        LoggedRequest presigned = single(api.findAll(postRequestedFor(urlEqualTo(PRESIGN))));
        assertEquals(new ApiCredentials(KEY, SECRET, "test").basicAuthorization(),
                presigned.getHeader("Authorization"));
        assertFalse(presigned.containsHeader("Proxy-Authorization"), "the proxy's credentials stop at the proxy");

        String via = "through proxy http://127.0.0.1:" + proxy.port() + " as " + PROXY_USER;
        assertTrue(log.at("INFO").stream().anyMatch(l -> l.startsWith("Requesting a presigned") && l.endsWith(via)),
                log.all());
        assertTrue(log.at("INFO").stream().anyMatch(l -> l.startsWith("Uploading ") && l.endsWith(via)), log.all());
        assertFalse(log.all().contains(PROXY_PASSWORD), log.all());
        assertFalse(log.all().contains(basic(PROXY_USER, PROXY_PASSWORD)), log.all());
    }

    @Test
    void hostsInNonProxyHostsBypassTheProxy() throws Exception {
        UploadRecord record = upload(settings("localhost|127.*"), apiUrl("localhost"));

        assertEquals(UPLOAD_ID, record.uploadId());
        assertEquals(List.of(), proxy.exchanges());
        LoggedRequest stored = single(s3.findAll(postRequestedFor(urlEqualTo(BUCKET))));
        assertFalse(stored.containsHeader("Proxy-Authorization"));
        assertArrayEquals(archiveBytes, stored.getPart("file").getBody().asBytes());
        assertFalse(single(api.findAll(postRequestedFor(urlEqualTo(PRESIGN)))).containsHeader("Proxy-Authorization"));
        assertFalse(log.all().contains("through proxy"), log.all());
    }

    @Test
    void theApiHostAndTheUploadHostAreLookedUpSeparately() throws Exception {
        upload(settings("localhost"), apiUrl("localhost"));

        List<Exchange> exchanges = proxy.exchanges();
        assertEquals(1, exchanges.size(), exchanges.toString());
        assertEquals(uploadUrl(), exchanges.get(0).target(), "only the upload host (127.0.0.1) is not excluded");
        assertEquals(ProxyAuthorization.EXPECTED, exchanges.get(0).proxyAuthorization());
        assertEquals(1, s3.findAll(postRequestedFor(urlEqualTo(BUCKET))).size());
    }

    @Test
    void wrongProxyPasswordFailsOnceWithAMessageNamingTheProxy() throws Exception {
        proxy.close();
        proxy = LoopbackForwardProxy.start(PROXY_USER, "the-proxy-wants-another-password");

        TransferException e = assertThrows(TransferException.class,
                () -> upload(settings(null), apiUrl("127.0.0.1")));

        assertEquals("Requesting a presigned upload URL from 127.0.0.1 failed: the proxy 127.0.0.1:" + proxy.port()
                + " refused the credentials of user '" + PROXY_USER + "' (HTTP 407 Proxy Authentication Required)."
                + " Check that proxy's <username> and <password> in settings.xml <proxies> (an encrypted password"
                + " also needs the right master password in settings-security.xml).", e.getMessage());
        assertFalse(e.getMessage().contains(PROXY_PASSWORD));
        assertEquals(1, proxy.exchanges().size(), "a refused proxy login is not retried " + proxy.exchanges());
        assertEquals(List.of(), sleeps);
        assertEquals(List.of(), api.findAll(postRequestedFor(urlEqualTo(PRESIGN))));
        assertFalse(Files.exists(outputFile));
        assertFalse(log.all().contains(PROXY_PASSWORD), log.all());
    }

    /** The streamed upload body cannot be sent twice, so a 407 on the upload must still read as a proxy failure. */
    @Test
    void proxyRefusingTheUploadFailsWithTheSameMessageAndNothingStored() throws Exception {
        proxy.close();
        proxy = LoopbackForwardProxy.start(PROXY_USER, "the-proxy-wants-another-password");

        TransferException e = assertThrows(TransferException.class,
                () -> upload(settings("localhost"), apiUrl("localhost")));

        assertTrue(e.getMessage().startsWith("Uploading connector.zip to 127.0.0.1 failed: the proxy 127.0.0.1:"
                + proxy.port() + " refused the credentials of user '" + PROXY_USER + "' (HTTP 407 "), e.getMessage());
        assertEquals(1, proxy.exchanges().size(), proxy.exchanges().toString());
        assertEquals(List.of(), s3.findAll(postRequestedFor(urlEqualTo(BUCKET))));
        assertFalse(Files.exists(outputFile));
    }

    @Test
    void proxyAskingForCredentialsThatSettingsDoNotHaveSaysSo() throws Exception {
        Settings settings = settings(null);
        settings.getProxies().get(0).setUsername(null);
        settings.getProxies().get(0).setPassword(null);

        TransferException e = assertThrows(TransferException.class, () -> upload(settings, apiUrl("127.0.0.1")));

        assertEquals("Requesting a presigned upload URL from 127.0.0.1 failed: the proxy 127.0.0.1:" + proxy.port()
                + " asks for credentials (HTTP 407 Proxy Authentication Required), and settings.xml <proxies> gives"
                + " none for it. Add that proxy's <username> and <password>.", e.getMessage());
        assertEquals(ProxyAuthorization.ABSENT, single(proxy.exchanges()).proxyAuthorization());
    }

    private UploadRecord upload(Settings settings, String apiUrl) throws Exception {
        UploadRequest request = new UploadRequest(archive, "connector.zip", ContentFormat.ZIP, "env-proxy01", "AWS",
                URI.create(apiUrl), new ApiCredentials(KEY, SECRET, "test"), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 2, outputFile,
                new ResolverProxyLookup(SettingsFixture.resolverSession(settings)));
        return new UploadService(new MavenBuildLog(log), Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add, () -> 0.5)
                .upload(request);
    }

    /** The fixture's proxy on the port of the proxy this test started. */
    private Settings settings(String nonProxyHosts) {
        Settings settings = SettingsFixture.settings("settings-proxy-loopback.xml");
        settings.getProxies().get(0).setPort(proxy.port());
        settings.getProxies().get(0).setNonProxyHosts(nonProxyHosts);
        return settings;
    }

    private static String apiUrl(String host) {
        return "http://" + host + ":" + api.getPort();
    }

    private static String uploadUrl() {
        return "http://127.0.0.1:" + s3.getPort() + BUCKET;
    }

    private static String presignedBody() {
        String policy = Base64.getEncoder().encodeToString(("{\"expiration\":\"2026-12-03T18:55:00.000Z\","
                + "\"conditions\":[{\"bucket\":\"upload-bucket\"},[\"content-length-range\",1,10485760]]}")
                .getBytes(StandardCharsets.UTF_8));
        return "{\"upload_id\":\"" + UPLOAD_ID + "\",\"upload_url\":\"" + uploadUrl() + "\",\"upload_form_data\":{"
                + "\"bucket\":\"upload-bucket\",\"key\":\"staging/connect-" + UPLOAD_ID + "/plugin.zip\","
                + "\"policy\":\"" + policy + "\",\"x-amz-signature\":\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\"}}";
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
