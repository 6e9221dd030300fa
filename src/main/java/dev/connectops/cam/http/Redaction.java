package dev.connectops.cam.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
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
        this(withEncodedForms(secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4).toList()),
                List.of());
    }

    /**
     * Each secret as sent and as a server may echo it in a URL or a form body: percent-encoded (upper- or
     * lower-case hex, '+' or %20 for spaces). Longest first, so that no shorter value masks half of a longer one.
     */
    private static List<String> withEncodedForms(List<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            forms.add(secret);
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
            forms.add(lowerCaseEscapes(encoded));
            forms.add(lowerCaseEscapes(encoded.replace("+", "%20")));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(sorted);
    }

    private static String lowerCaseEscapes(String encoded) {
        return Pattern.compile("%[0-9A-F]{2}").matcher(encoded).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
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
