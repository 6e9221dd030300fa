package dev.connectops.cam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiCredentialsTest {

    @Test
    void maskedKeyShowsOnlyTheFirstFourCharacters() {
        assertEquals("ABCD************", new ApiCredentials("ABCDEFGHIJKLMNOP", "s", "env").maskedKey());
    }

    @Test
    void maskedKeyOfAShortKeyStillHidesSomething() {
        assertEquals("ab****", new ApiCredentials("ab", "s", "env").maskedKey());
        assertEquals("abcd****", new ApiCredentials("abcde", "s", "env").maskedKey());
    }

    @Test
    void basicAuthorizationIsKeyColonSecretInBase64() {
        ApiCredentials credentials = new ApiCredentials("KEY1", "sécret:with:colons", "env");

        String header = credentials.basicAuthorization();

        assertEquals("Basic " + Base64.getEncoder().encodeToString("KEY1:sécret:with:colons"
                .getBytes(StandardCharsets.UTF_8)), header);
    }

    @Test
    void toStringNamesTheMaskedKeyAndSourceButNeverTheSecret() {
        ApiCredentials credentials = new ApiCredentials("ABCDEFGHIJKLMNOP", "super-secret-value",
                "settings.xml server 'confluent-cloud'");

        assertEquals("API key ABCD************ from settings.xml server 'confluent-cloud'", credentials.toString());
        assertFalse(credentials.toString().contains("super-secret-value"));
        assertFalse(credentials.toString().contains("EFGH"));
    }
}
