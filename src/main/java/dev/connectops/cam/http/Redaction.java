package dev.connectops.cam.http;

import java.util.List;
import java.util.Objects;

/**
 * Removes known secret values from text that may reach the build log. S3 error bodies and proxies'
 * pages can echo what we sent (the policy, the signature), so any excerpt passes through here first.
 */
public final class Redaction {
    private static final String MASK = "****";
    private final List<String> secrets;

    public Redaction(List<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4).toList();
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
