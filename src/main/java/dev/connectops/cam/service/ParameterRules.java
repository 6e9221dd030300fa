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
    private static final int ARTIFACT_NAME_MAX = 60;
    private static final int ARTIFACT_DESCRIPTION_MAX = 256;
    private static final String ARTIFACT_NAME_EXAMPLE = "uppercase-smt-1.0.0";

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
        String shown = withoutUserInfo(value.strip());
        URI url;
        try {
            url = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidParameterException("apiUrl", "'" + shown + "' is not a URL.", example);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new InvalidParameterException("apiUrl", "'" + shown + "' is not an http(s) URL with a host.",
                    example);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new InvalidParameterException("apiUrl", "The API URL must not carry user info, a query or a"
                    + " fragment.", example);
        }
        if (!LoopbackHosts.isSecureOrLoopback(url)) {
            throw new InvalidParameterException("apiUrl", "'" + shown + "' must use https: the API key and"
                    + " secret would cross the network in clear text (plain http is allowed only for localhost,"
                    + " 127.0.0.0/8 and [::1]).", example);
        }
        return url;
    }

    /** A URL as it may be shown: a password written into it must not reach the log. */
    private static String withoutUserInfo(String url) {
        return url.replaceFirst("^([^:/?#]*://)[^/?#]*@", "$1****@");
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

    /**
     * The Connect Artifact to create after the upload, or empty when no name is set. The description and
     * the timeout matter only then, so only then are they checked: a long project description must not
     * stop a plain upload.
     */
    public static Optional<ArtifactRequest> artifact(String name, String description, boolean waitForReady,
            int waitTimeoutSeconds) throws InvalidParameterException {
        Optional<String> checkedName = artifactName(name);
        if (checkedName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ArtifactRequest(checkedName.get(), artifactDescription(description), waitForReady,
                seconds("waitTimeout", waitTimeoutSeconds)));
    }

    /** The display name, 1 to 60 characters; empty when none is set. */
    public static Optional<String> artifactName(String value) throws InvalidParameterException {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        String name = value.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            throw new InvalidParameterException("artifactName", "The Connect Artifact name is blank; a name is 1 to "
                    + ARTIFACT_NAME_MAX + " characters.", ARTIFACT_NAME_EXAMPLE);
        }
        if (length > ARTIFACT_NAME_MAX) {
            throw new InvalidParameterException("artifactName", "'" + name + "' is " + length + " characters long;"
                    + " a Connect Artifact name is 1 to " + ARTIFACT_NAME_MAX + " characters.", ARTIFACT_NAME_EXAMPLE);
        }
        return Optional.of(name);
    }

    /**
     * The description with its lines joined (a POM's {@code <description>} often spans several), at most
     * 256 characters; null when there is none.
     */
    public static String artifactDescription(String value) throws InvalidParameterException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String description = value.strip().replaceAll("\\s+", " ");
        int length = description.codePointCount(0, description.length());
        if (length > ARTIFACT_DESCRIPTION_MAX) {
            throw new InvalidParameterException("artifactDescription", "The Connect Artifact description is " + length
                    + " characters long, but at most " + ARTIFACT_DESCRIPTION_MAX + " are allowed; it defaults to"
                    + " the project's <description>, so set a shorter one for the artifact.",
                    "Upper-cases string record values");
        }
        return description;
    }
}
