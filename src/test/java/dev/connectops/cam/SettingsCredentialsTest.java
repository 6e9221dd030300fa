package dev.connectops.cam;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.api.ApiCredentials;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from real settings.xml fixtures (plain and encrypted) and from environment variables. */
class SettingsCredentialsTest {
    private static final String KEY_ENV = "CONFLUENT_CLOUD_API_KEY";
    private static final String SECRET_ENV = "CONFLUENT_CLOUD_API_SECRET";

    private static String inheritedSettingsSecurity;

    private final Settings settings = SettingsFixture.settings("settings.xml");
    private final SettingsDecrypter decrypter = SettingsFixture.decrypter();

    @BeforeAll
    static void clearSettingsSecurityProperty() {
        inheritedSettingsSecurity = SettingsFixture.clearSettingsSecurityProperty();
    }

    @AfterAll
    static void restoreSettingsSecurityProperty() {
        SettingsFixture.restoreSettingsSecurityProperty(inheritedSettingsSecurity);
    }

    @Test
    void plainServerGivesKeyAndSecret() throws Exception {
        ApiCredentials credentials = resolve(settings, env(), "confluent-cloud", KEY_ENV, SECRET_ENV);

        assertEquals("ABCDPLAINKEY0001", credentials.apiKey());
        assertEquals("plainSecretFromSettings-0a1b2c3d", credentials.apiSecret());
        assertEquals("settings.xml server 'confluent-cloud'", credentials.source());
        assertSafeToShow(credentials, "ABCDPLAINKEY0001", "plainSecretFromSettings-0a1b2c3d");
    }

    @Test
    void settingsServerWinsOverEnvironmentVariables() throws Exception {
        Properties env = env(KEY_ENV, "ENVKEY0000000009", SECRET_ENV, "env-secret-should-not-be-used");

        ApiCredentials credentials = resolve(settings, env, "confluent-cloud", KEY_ENV, SECRET_ENV);

        assertEquals("ABCDPLAINKEY0001", credentials.apiKey());
        assertEquals("plainSecretFromSettings-0a1b2c3d", credentials.apiSecret());
    }

    @Test
    void encryptedPasswordIsDecrypted() throws Exception {
        ApiCredentials credentials = resolve(settings, env(), "encrypted-cloud", KEY_ENV, SECRET_ENV);

        assertEquals("WXYZENCRYPTED002", credentials.apiKey());
        assertEquals("camSecretFromSettings-9f8e7d6c5b4a", credentials.apiSecret());
        assertEquals("settings.xml server 'encrypted-cloud'", credentials.source());
        assertSafeToShow(credentials, "WXYZENCRYPTED002", "camSecretFromSettings-9f8e7d6c5b4a");
    }

    @Test
    void unrelatedServerThatCannotBeDecryptedDoesNotMatter() throws Exception {
        // The fixture also holds 'other-machine', whose password cannot be decrypted here (jib#1709).
        assertTrue(settings.getServer("other-machine").getPassword().startsWith("{"));

        ApiCredentials credentials = resolve(settings, env(), "encrypted-cloud", KEY_ENV, SECRET_ENV);

        assertEquals("camSecretFromSettings-9f8e7d6c5b4a", credentials.apiSecret());
    }

    @Test
    void namedServerThatCannotBeDecryptedFailsNamingTheServer() {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolve(settings, env(), "other-machine", KEY_ENV, SECRET_ENV));

        assertTrue(e.getMessage().startsWith("The password of settings.xml server 'other-machine' cannot be"
                + " decrypted: "), e.getMessage());
        assertTrue(e.getMessage().contains("settings-security.xml"), e.getMessage());
        assertFalse(e.getMessage().contains("mnHdvVahFNoHfLCmVlfk3wFApV5TKytX0S4sIGeZazfpSYR0DCcjeJIpV1tRtBib"),
                "the message must not echo the encrypted password: " + e.getMessage());
    }

    @Test
    void encryptedPasswordWithoutSettingsSecurityFileFailsNamingTheServer(@TempDir Path dir) {
        SettingsDecrypter noMaster = SettingsFixture.decrypter(dir.resolve("settings-security.xml"));

        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> new SettingsCredentials(settings, noMaster, env()).resolve("encrypted-cloud", KEY_ENV,
                        SECRET_ENV));

        assertTrue(e.getMessage().startsWith("The password of settings.xml server 'encrypted-cloud' cannot be"
                + " decrypted: "), e.getMessage());
    }

    @Test
    void plainServerNeedsNoSettingsSecurityFile(@TempDir Path dir) throws Exception {
        SettingsDecrypter noMaster = SettingsFixture.decrypter(dir.resolve("settings-security.xml"));

        ApiCredentials credentials = new SettingsCredentials(settings, noMaster, env())
                .resolve("confluent-cloud", KEY_ENV, SECRET_ENV);

        assertEquals("plainSecretFromSettings-0a1b2c3d", credentials.apiSecret());
    }

    @Test
    void environmentVariablesWhenNoServerMatches() throws Exception {
        Properties env = env(KEY_ENV, "ENVKEY0000000009", SECRET_ENV, "envSecret-5e4d3c2b1a");

        ApiCredentials credentials = resolve(settings, env, "no-such-server", KEY_ENV, SECRET_ENV);

        assertEquals("ENVKEY0000000009", credentials.apiKey());
        assertEquals("envSecret-5e4d3c2b1a", credentials.apiSecret());
        assertEquals("environment variables CONFLUENT_CLOUD_API_KEY/CONFLUENT_CLOUD_API_SECRET",
                credentials.source());
        assertSafeToShow(credentials, "ENVKEY0000000009", "envSecret-5e4d3c2b1a");
    }

    @Test
    void environmentVariablesWithoutAnySettings() throws Exception {
        Properties env = env(KEY_ENV, "ENVKEY0000000009", SECRET_ENV, "envSecret-5e4d3c2b1a");

        ApiCredentials credentials = resolve(null, env, "confluent-cloud", KEY_ENV, SECRET_ENV);

        assertEquals("ENVKEY0000000009", credentials.apiKey());
        assertEquals("envSecret-5e4d3c2b1a", credentials.apiSecret());
    }

    @Test
    void customEnvironmentVariableNames() throws Exception {
        Properties env = env(KEY_ENV, "DEFAULTNAMEKEY01", SECRET_ENV, "default-name-secret",
                "MY_CC_KEY", "CUSTOMKEY0000007", "MY_CC_SECRET", "customSecret-0f0e0d");

        ApiCredentials credentials = resolve(settings, env, "no-such-server", "MY_CC_KEY", "MY_CC_SECRET");

        assertEquals("CUSTOMKEY0000007", credentials.apiKey());
        assertEquals("customSecret-0f0e0d", credentials.apiSecret());
        assertEquals("environment variables MY_CC_KEY/MY_CC_SECRET", credentials.source());
    }

    @Test
    void onlyTheKeyVariableFails() {
        Properties env = env(KEY_ENV, "ENVKEY0000000009");

        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolve(settings, env, "no-such-server", KEY_ENV, SECRET_ENV));

        assertTrue(e.getMessage().startsWith("Only half of the Confluent Cloud API credentials are set: the"
                + " environment variable CONFLUENT_CLOUD_API_SECRET is missing or empty."), e.getMessage());
        assertShowsBothWays(e.getMessage(), "no-such-server", KEY_ENV, SECRET_ENV);
    }

    @Test
    void onlyTheSecretVariableFails() {
        Properties env = env(SECRET_ENV, "envSecret-5e4d3c2b1a");

        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolve(settings, env, "no-such-server", KEY_ENV, SECRET_ENV));

        assertTrue(e.getMessage().startsWith("Only half of the Confluent Cloud API credentials are set: the"
                + " environment variable CONFLUENT_CLOUD_API_KEY is missing or empty."), e.getMessage());
        assertShowsBothWays(e.getMessage(), "no-such-server", KEY_ENV, SECRET_ENV);
        assertFalse(e.getMessage().contains("envSecret-5e4d3c2b1a"), e.getMessage());
    }

    @Test
    void blankVariableCountsAsMissing() {
        Properties env = env(KEY_ENV, "ENVKEY0000000009", SECRET_ENV, "   ");

        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolve(settings, env, "no-such-server", KEY_ENV, SECRET_ENV));

        assertTrue(e.getMessage().contains("the environment variable CONFLUENT_CLOUD_API_SECRET is missing or"
                + " empty"), e.getMessage());
    }

    @Test
    void noServerAndNoVariablesShowsBothWays() {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolve(settings, env(), "my-cloud", "MY_CC_KEY", "MY_CC_SECRET"));

        assertTrue(e.getMessage().startsWith("No Confluent Cloud API credentials found: settings.xml has no"
                + " <server> with id 'my-cloud' and the environment variables MY_CC_KEY and MY_CC_SECRET are not"
                + " set."), e.getMessage());
        assertShowsBothWays(e.getMessage(), "my-cloud", "MY_CC_KEY", "MY_CC_SECRET");
    }

    @Test
    void serverWithoutPasswordFails() {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolve(settings, env(), "no-password", KEY_ENV, SECRET_ENV));

        assertTrue(e.getMessage().startsWith("settings.xml server 'no-password' has no <password> (the API"
                + " secret)."), e.getMessage());
        assertShowsBothWays(e.getMessage(), "no-password", KEY_ENV, SECRET_ENV);
    }

    @Test
    void serverWithoutUsernameFails() {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolve(settings, env(), "no-username", KEY_ENV, SECRET_ENV));

        assertTrue(e.getMessage().startsWith("settings.xml server 'no-username' has no <username> (the API"
                + " key)."), e.getMessage());
        assertFalse(e.getMessage().contains("secretWithoutKey-77aa"), e.getMessage());
    }

    @Test
    void maskedKeyShowsOnlyTheFirstFourCharacters() {
        ApiCredentials credentials = new ApiCredentials("ABCD1234EFGH5678", "s3cr3t-value-xyz", "a test");

        assertEquals("ABCD************", credentials.maskedKey());
        assertEquals("API key ABCD************ from a test", credentials.toString());
    }

    @Test
    void maskedShortKeyStillHidesItsLength() {
        ApiCredentials credentials = new ApiCredentials("AB", "s3cr3t-value-xyz", "a test");

        assertEquals("AB****", credentials.maskedKey());
        assertFalse(credentials.toString().contains("s3cr3t"));
    }

    private static ApiCredentials resolve(Settings settings, Properties env, String serverId, String keyEnv,
            String secretEnv) throws MojoFailureException {
        return new SettingsCredentials(settings, SettingsFixture.decrypter(), env).resolve(serverId, keyEnv,
                secretEnv);
    }

    /** Maven's system properties as the Mojo sees them: each environment variable NAME as env.NAME. */
    private static Properties env(String... namesAndValues) {
        Properties properties = new Properties();
        properties.setProperty("java.version", "17");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty("env." + namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    private static void assertSafeToShow(ApiCredentials credentials, String key, String secret) {
        String shown = credentials.toString();
        String masked = credentials.maskedKey();
        assertAll(
                () -> assertFalse(shown.contains(secret), "toString() shows the secret: " + shown),
                () -> assertFalse(masked.contains(secret), "maskedKey() shows the secret: " + masked),
                () -> assertTrue(masked.startsWith(key.substring(0, 4)), masked),
                () -> assertFalse(masked.contains(key.substring(0, 5)), "more than 4 key characters: " + masked),
                () -> assertEquals("*".repeat(key.length() - 4), masked.substring(4)),
                () -> assertFalse(shown.contains(key.substring(0, 5)), "more than 4 key characters: " + shown),
                () -> assertTrue(shown.contains(masked), shown));
    }

    /** The failure message tells the user about the settings.xml server and the two environment variables. */
    private static void assertShowsBothWays(String message, String serverId, String keyEnv, String secretEnv) {
        assertAll(
                () -> assertTrue(message.contains("<server><id>" + serverId + "</id>"), message),
                () -> assertTrue(message.contains("settings.xml"), message),
                () -> assertTrue(message.contains("-Dcam.serverId"), message),
                () -> assertTrue(message.contains("mvn --encrypt-password"), message),
                () -> assertTrue(message.contains("export " + keyEnv + " and " + secretEnv), message),
                () -> assertTrue(message.contains("<apiKeyEnv> and <apiSecretEnv>, -Dcam.apiKeyEnv and -Dcam.apiSecretEnv"), message));
    }
}
