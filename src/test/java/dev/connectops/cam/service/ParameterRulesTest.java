package dev.connectops.cam.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.archive.ContentFormat;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterRulesTest {
    private static final String ENV_RULE = " is not a Confluent Cloud environment id ('env-' followed by letters and"
            + " digits, at most 255 characters).";

    // environment

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingEnvironmentNamesTheParameterAndAnExample(String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.environment(value));

        assertEquals("environment", e.parameter());
        assertEquals("The Confluent Cloud environment id is not set.", e.getMessage());
        assertEquals("env-a1b2c3", e.example());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "env-", "env-abc_1", "ENV-abc", "env-abc-def", "env abc", "lkc-abc123", "env-é1"})
    void malformedEnvironmentIsRefusedQuotingTheValue(String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.environment(value));

        assertEquals("environment", e.parameter());
        assertEquals("'" + value + "'" + ENV_RULE, e.getMessage());
        assertEquals("env-a1b2c3", e.example());
    }

    @Test
    void environmentOf256CharactersIsTooLong() {
        String id = "env-" + "a".repeat(252);
        assertEquals(256, id.length());

        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.environment(id));

        assertEquals("environment", e.parameter());
        assertEquals("'" + id + "'" + ENV_RULE, e.getMessage());
    }

    @Test
    void environmentOf255CharactersIsAccepted() throws Exception {
        String id = "env-" + "Z9".repeat(125) + "x";
        assertEquals(255, id.length());

        assertEquals(id, ParameterRules.environment(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"env-abc123", "env-00000", "env-A1b2C3"})
    void validEnvironmentIsReturned(String value) throws Exception {
        assertEquals(value, ParameterRules.environment(value));
    }

    @Test
    void environmentIsTrimmed() throws Exception {
        assertEquals("env-abc123", ParameterRules.environment("  env-abc123\n"));
    }

    // cloud

    @ParameterizedTest
    @ValueSource(strings = {"aws", "AWS", "Aws", " aws "})
    void awsInAnyCaseIsSentUpperCase(String value) throws Exception {
        assertEquals("AWS", ParameterRules.cloud(value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingCloudDefaultsToAws(String value) throws Exception {
        assertEquals("AWS", ParameterRules.cloud(value));
    }

    @Test
    void gcpIsRefusedSayingOnlyAwsIsSupported() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ParameterRules.cloud("gcp"));

        assertEquals("cloud", e.parameter());
        assertEquals("Cloud 'gcp' is not supported: Connect Artifacts can only be uploaded to AWS for now.",
                e.getMessage());
        assertEquals("AWS", e.example());
    }

    @Test
    void azureIsRefusedToo() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.cloud("AZURE"));

        assertTrue(e.getMessage().contains("only be uploaded to AWS"), e.getMessage());
    }

    // apiUrl

    @ParameterizedTest
    @ValueSource(strings = {"https://api.confluent.cloud", "https://api.confluent.cloud/", "HTTPS://API.example.com:8443",
        "http://localhost:8080", "http://127.0.0.5", "http://127.0.0.1:9/base/", "http://[::1]:9"})
    void httpsOrLoopbackHttpApiUrlIsAccepted(String value) throws Exception {
        assertEquals(URI.create(value), ParameterRules.apiUrl(value));
    }

    @Test
    void apiUrlIsTrimmed() throws Exception {
        assertEquals(URI.create("https://api.confluent.cloud"), ParameterRules.apiUrl(" https://api.confluent.cloud "));
    }

    @Test
    void plainHttpToARemoteHostIsRefusedBecauseCredentialsWouldTravelInClearText() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.apiUrl("http://api.example.com"));

        assertEquals("apiUrl", e.parameter());
        assertEquals("'http://api.example.com' must use https: the API key and secret would cross the network in clear"
                + " text (plain http is allowed only for localhost, 127.0.0.0/8 and [::1]).", e.getMessage());
        assertEquals("https://api.confluent.cloud", e.example());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pa55w0rd@my_host.example", "https://user:pa55 w0rd@host",
        "http://user:pa55w0rd@api.example.com"})
    void passwordWrittenIntoTheUrlIsNeverEchoed(String url) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ParameterRules.apiUrl(url));

        assertEquals("apiUrl", e.parameter());
        assertFalse(e.getMessage().contains("pa55"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://localhost/", "ftp://api.confluent.cloud", "file:///tmp/api", "api.confluent.cloud",
        "https:///nohost"})
    void otherSchemesOrNoHostAreRefused(String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.apiUrl(value));

        assertEquals("apiUrl", e.parameter());
        assertEquals("'" + value + "' is not an http(s) URL with a host.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.confluent.cloud/?x=1", "https://api.confluent.cloud#frag",
        "https://user:pw@api.confluent.cloud"})
    void queryFragmentOrUserInfoIsRefused(String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.apiUrl(value));

        assertEquals("apiUrl", e.parameter());
        assertEquals("The API URL must not carry user info, a query or a fragment.", e.getMessage());
    }

    @Test
    void unparsableApiUrlIsRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.apiUrl("https://api confluent cloud"));

        assertEquals("apiUrl", e.parameter());
        assertEquals("'https://api confluent cloud' is not a URL.", e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void emptyApiUrlIsRefused(String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.apiUrl(value));

        assertEquals("apiUrl", e.parameter());
        assertEquals("The Confluent Cloud API URL is empty.", e.getMessage());
    }

    // contentFormat

    @Test
    void explicitFormatBeatsTheFileName() throws Exception {
        assertEquals(ContentFormat.ZIP, ParameterRules.contentFormat("zip", "connector.jar"));
        assertEquals(ContentFormat.JAR, ParameterRules.contentFormat(" JAR ", "bundle.zip"));
    }

    @Test
    void formatComesFromTheFileNameWhenNotGiven() throws Exception {
        assertEquals(ContentFormat.JAR, ParameterRules.contentFormat(null, "X.JAR"));
        assertEquals(ContentFormat.ZIP, ParameterRules.contentFormat("  ", "a.Zip"));
    }

    @Test
    void explicitFormatMakesAnUnknownExtensionUploadable() throws Exception {
        assertEquals(ContentFormat.ZIP, ParameterRules.contentFormat("ZIP", "plugin.kar"));
    }

    @Test
    void unknownExtensionWithoutExplicitFormatFailsNamingContentFormat() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.contentFormat(null, "plugin.tar.gz"));

        assertEquals("contentFormat", e.parameter());
        assertEquals("The format of 'plugin.tar.gz' cannot be told from its name (only .jar and .zip are known); set"
                + " the format.", e.getMessage());
        assertEquals("ZIP", e.example());
    }

    @Test
    void unknownExplicitFormatFailsNamingContentFormat() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.contentFormat("tgz", "plugin.zip"));

        assertEquals("contentFormat", e.parameter());
        assertEquals("'tgz' is not a content format (JAR or ZIP).", e.getMessage());
    }

    // seconds and retries

    @Test
    void positiveSecondsBecomeADuration() throws Exception {
        assertEquals(Duration.ofSeconds(30), ParameterRules.seconds("connectTimeout", 30));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void zeroOrNegativeSecondsAreRefusedNamingTheParameter(int value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.seconds("socketTimeout", value));

        assertEquals("socketTimeout", e.parameter());
        assertEquals("socketTimeout must be a positive number of seconds, not " + value + ".", e.getMessage());
        assertEquals("60", e.example());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 20})
    void retriesFromZeroToTwentyAreAccepted(int value) throws Exception {
        assertEquals(value, ParameterRules.retries(value));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 21})
    void retriesOutsideZeroToTwentyAreRefused(int value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.retries(value));

        assertEquals("retries", e.parameter());
        assertEquals("retries must be between 0 and 20, not " + value + ".", e.getMessage());
        assertEquals("4", e.example());
    }
}
