package dev.connectops.cam.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes known secret values from text that may reach the build log. S3 error bodies and proxies'
 * pages can echo what we sent (the policy, the signature), so any excerpt passes through here first.
 */
public final class Redaction {
    private static final String MASK = "****";
    private final List<String> secrets;
    private final List<Pattern> jsonFields;

    public Redaction(List<String> secrets) {
        this(secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4).toList(), List.of());
    }

    private Redaction(List<String> secrets, List<Pattern> jsonFields) {
        this.secrets = secrets;
        this.jsonFields = jsonFields;
    }

    /**
     * Also masks the string value of each named JSON field. This catches secrets whose values are not
     * known beforehand, such as those in a presigned-URL answer that cannot be parsed because it was
     * cut off, where the last value may end without its closing quote.
     */
    public Redaction maskingJsonFields(List<String> names) {
        List<Pattern> patterns = new ArrayList<>(jsonFields);
        patterns.add(Pattern.compile("(\"(?:" + names.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*"));
        return new Redaction(secrets, List.copyOf(patterns));
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        for (Pattern field : jsonFields) {
            result = field.matcher(result).replaceAll("$1" + MASK);
        }
        return result;
    }
}
