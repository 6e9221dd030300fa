package dev.connectops.cam.upload;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3ErrorTest {

    @RegisterExtension
    static WireMockExtension dtdHost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private static Optional<S3Error> parse(String body) {
        return S3Error.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsCodeMessageAndRequestId() {
        assertEquals(Optional.of(new S3Error("AccessDenied", "Invalid according to Policy: Policy expired.", "4442587FB7D0A2F9")),
                parse("<?xml version='1.0' encoding='UTF-8'?>\n<Error>\n  <Code>AccessDenied</Code>\n"
                        + "  <Message>Invalid according to Policy: Policy expired.</Message>\n"
                        + "  <RequestId>4442587FB7D0A2F9</RequestId>\n  <HostId>abc=</HostId>\n</Error>"));
    }

    @Test
    void extraElementsAndAMissingMessageOrRequestIdAreFine() {
        assertEquals(Optional.of(new S3Error("EntityTooLarge", null, null)),
                parse("<Error><Code>EntityTooLarge</Code><ProposedSize>9</ProposedSize>"
                        + "<MaxSizeAllowed>1</MaxSizeAllowed></Error>"));
    }

    @Test
    void escapedCharactersAreDecoded() {
        assertEquals("a < b & \"c\"", parse("<Error><Code>X</Code><Message>a &lt; b &amp; &quot;c&quot;</Message>"
                + "</Error>").orElseThrow().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "<!DOCTYPE html><html><body>Service Unavailable</body></html>",
        "{\"error\":\"nope\"}",
        "<PostResponse><Location>x</Location></PostResponse>",
        "<Error><Message>no code</Message></Error>",
        "<Error><Code>Trunc",
    })
    void anythingButAnS3ErrorDocumentGivesNothing(String body) {
        assertEquals(Optional.empty(), parse(body));
    }

    @Test
    void nullBodyGivesNothing() {
        assertEquals(Optional.empty(), S3Error.parse(null));
    }

    @Test
    void externalEntityIsNotResolvedAndNoFileIsRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Error [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Error><Code>AccessDenied</Code><Message>&xxe;</Message></Error>";

        assertEquals(Optional.empty(), parse(xxe));
    }

    @Test
    void externalDtdIsNeverFetched() {
        dtdHost.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("<!ENTITY leak \"fetched\">")));
        String body = "<?xml version=\"1.0\"?>\n<!DOCTYPE Error SYSTEM \"http://localhost:" + dtdHost.getPort()
                + "/evil.dtd\">\n<Error><Code>AccessDenied</Code><Message>&leak;</Message></Error>";

        assertEquals(Optional.empty(), parse(body));
        dtdHost.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void entityExpansionBombGivesNothing() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<Error><Code>X</Code><Message>&c;</Message></Error>";

        assertEquals(Optional.empty(), parse(bomb));
    }
}
