package dev.connectops.cam.sandbox;

import com.github.tomakehurst.wiremock.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated {@code cam.v1.PresignedUrlRequest}. */
record PresignRequest(String contentFormat, String cloud, String environment) {

    private static final Set<String> CONTENT_FORMATS = Set.of("JAR", "ZIP");
    private static final Set<String> CLOUDS = Set.of("AWS");
    private static final int ENVIRONMENT_MAX_LENGTH = 255;
    // The environment becomes a directory name in the object key, so it must not carry '/' or "..".
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient List<ApiError> errors;

        Invalid(List<ApiError> errors) {
            super(errors.get(0).detail(), null, false, false);
            this.errors = List.copyOf(errors);
        }

        List<ApiError> errors() {
            return errors;
        }
    }

    static PresignRequest parse(String body) throws Invalid {
        Map<?, ?> json = readObject(body);
        if (json == null) {
            throw new Invalid(List.of(ApiError.invalidInput("", "The request body must be a JSON object.")));
        }
        List<ApiError> errors = new ArrayList<>();
        String contentFormat = oneOf(json, "content_format", CONTENT_FORMATS, errors);
        String cloud = oneOf(json, "cloud", CLOUDS, errors);
        String environment = environment(json, errors);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new PresignRequest(contentFormat, cloud, environment);
    }

    /** The file name extension S3 keys get for this format. */
    String extension() {
        return contentFormat.toLowerCase(Locale.ROOT);
    }

    private static Map<?, ?> readObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            Object value = Json.read(body, Object.class);
            return value instanceof Map<?, ?> map ? map : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String oneOf(Map<?, ?> json, String field, Set<String> allowed, List<ApiError> errors) {
        Object value = json.get(field);
        if (value == null) {
            errors.add(ApiError.invalidInput("/" + field, field + " is required."));
        } else if (!(value instanceof String s) || !allowed.contains(s)) {
            errors.add(ApiError.invalidInput("/" + field,
                    field + " must be one of " + String.join(", ", allowed.stream().sorted().toList()) + "."));
        } else {
            return s;
        }
        return null;
    }

    private static String environment(Map<?, ?> json, List<ApiError> errors) {
        Object value = json.get("environment");
        String pointer = "/environment";
        if (value == null) {
            errors.add(ApiError.invalidInput(pointer, "environment is required."));
        } else if (!(value instanceof String s)) {
            errors.add(ApiError.invalidInput(pointer, "environment must be a string."));
        } else if (s.length() > ENVIRONMENT_MAX_LENGTH) {
            errors.add(ApiError.invalidInput(pointer,
                    "environment must be at most " + ENVIRONMENT_MAX_LENGTH + " characters long."));
        } else if (!ENVIRONMENT.matcher(s).matches()) {
            errors.add(ApiError.invalidInput(pointer,
                    "environment must be an environment id such as env-00000 (letters, digits, '-', '_', '.')."));
        } else {
            return s;
        }
        return null;
    }
}
