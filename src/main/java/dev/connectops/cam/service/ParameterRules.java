package dev.connectops.cam.service;

import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.http.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules each parameter value must meet before any network call; each failure names the parameter. */
public final class ParameterRules {
    private static final Pattern ENVIRONMENT = Pattern.compile("env-[A-Za-z0-9]+");
    private static final int ENVIRONMENT_MAX = 255;

    private ParameterRules() {
    }

    public static String environment(String value) throws InvalidParameterException {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException("environment", "The Confluent Cloud environment id is not set.",
                    "env-a1b2c3");
        }
        String id = value.strip();
        if (id.length() > ENVIRONMENT_MAX || !ENVIRONMENT.matcher(id).matches()) {
            throw new InvalidParameterException("environment", "'" + id + "' is not a Confluent Cloud environment id"
                    + " ('env-' followed by letters and digits, at most " + ENVIRONMENT_MAX + " characters).",
                    "env-a1b2c3");
        }
        return id;
    }

    public static String cloud(String value) throws InvalidParameterException {
        String cloud = value == null || value.isBlank() ? "AWS" : value.strip().toUpperCase(Locale.ROOT);
        if (!cloud.equals("AWS")) {
            throw new InvalidParameterException("cloud", "Cloud '" + value.strip() + "' is not supported: Connect"
                    + " Artifacts can only be uploaded to AWS for now.", "AWS");
        }
        return cloud;
    }

    public static URI apiUrl(String value) throws InvalidParameterException {
        String example = "https://api.confluent.cloud";
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException("apiUrl", "The Confluent Cloud API URL is empty.", example);
        }
        URI url;
        try {
            url = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidParameterException("apiUrl", "'" + value.strip() + "' is not a URL.", example);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new InvalidParameterException("apiUrl", "'" + value.strip() + "' is not an http(s) URL with a host.",
                    example);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new InvalidParameterException("apiUrl", "The API URL must not carry user info, a query or a"
                    + " fragment.", example);
        }
        if (!LoopbackHosts.isSecureOrLoopback(url)) {
            throw new InvalidParameterException("apiUrl", "'" + value.strip() + "' must use https: the API key and"
                    + " secret would cross the network in clear text (plain http is allowed only for localhost,"
                    + " 127.0.0.0/8 and [::1]).", example);
        }
        return url;
    }

    /** The explicit format when given, else the one the file name implies. */
    public static ContentFormat contentFormat(String explicit, String fileName) throws InvalidParameterException {
        if (explicit != null && !explicit.isBlank()) {
            return ContentFormat.parse(explicit).orElseThrow(() -> new InvalidParameterException("contentFormat",
                    "'" + explicit.strip() + "' is not a content format (JAR or ZIP).", "ZIP"));
        }
        Optional<ContentFormat> implied = ContentFormat.fromFileName(fileName);
        return implied.orElseThrow(() -> new InvalidParameterException("contentFormat", "The format of '" + fileName
                + "' cannot be told from its name (only .jar and .zip are known); set the format.", "ZIP"));
    }

    public static Duration seconds(String parameter, int value) throws InvalidParameterException {
        if (value <= 0) {
            throw new InvalidParameterException(parameter, parameter + " must be a positive number of seconds, not "
                    + value + ".", "60");
        }
        return Duration.ofSeconds(value);
    }

    public static int retries(int value) throws InvalidParameterException {
        if (value < 0 || value > 20) {
            throw new InvalidParameterException("retries", "retries must be between 0 and 20, not " + value + ".",
                    "4");
        }
        return value;
    }
}
