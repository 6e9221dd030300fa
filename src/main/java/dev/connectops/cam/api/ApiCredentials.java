package dev.connectops.cam.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A Confluent Cloud API key and its secret, with where they came from. {@link #toString()} never shows
 * the secret, so an accidental log line or exception message cannot leak it.
 */
public final class ApiCredentials {
    private final String apiKey;
    private final String apiSecret;
    private final String source;

    public ApiCredentials(String apiKey, String apiSecret, String source) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.source = source;
    }

    public String apiKey() {
        return apiKey;
    }

    public String apiSecret() {
        return apiSecret;
    }

    /** Where the credentials came from, e.g. "settings.xml server 'confluent-cloud'". */
    public String source() {
        return source;
    }

    /** The key with all but its first four characters masked, safe to log. */
    public String maskedKey() {
        int shown = Math.min(4, apiKey.length());
        return apiKey.substring(0, shown) + "*".repeat(Math.max(4, apiKey.length() - shown));
    }

    /** The value of an HTTP Basic Authorization header: key as user, secret as password. */
    public String basicAuthorization() {
        String pair = apiKey + ":" + apiSecret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Every form in which these credentials could be echoed back by a server or proxy. */
    public List<String> secretValues() {
        return List.of(apiSecret, basicAuthorization().substring("Basic ".length()));
    }

    @Override
    public String toString() {
        return "API key " + maskedKey() + " from " + source;
    }
}
