package dev.connectops.cam.sandbox;

import com.github.tomakehurst.wiremock.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code POST /cam/v1/connect-artifacts} body ({@code {"spec":{…}}}). A body of the wrong shape gets
 * 400 {@code invalid_input}; values the API would refuse (lengths, an unknown cloud) get 422
 * {@code invalid_configuration}; both name the field with {@code source.pointer}.
 */
record ConnectArtifactRequest(String displayName, String cloud, String environment, String description,
        String uploadId) {

    static final int DISPLAY_NAME_MAX = 60;
    static final int DESCRIPTION_MAX = 256;
    static final String PRESIGNED_URL_LOCATION = "PRESIGNED_URL_LOCATION";
    private static final Set<String> CLOUDS = Set.of("AWS");

    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final transient List<ApiError> errors;

        Invalid(int status, List<ApiError> errors) {
            super(errors.get(0).detail(), null, false, false);
            this.status = status;
            this.errors = List.copyOf(errors);
        }

        int status() {
            return status;
        }

        List<ApiError> errors() {
            return errors;
        }
    }

    static ConnectArtifactRequest parse(String body) throws Invalid {
        Map<?, ?> json = object(readJson(body));
        if (json == null) {
            throw new Invalid(400, List.of(ApiError.invalidInput("", "The request body must be a JSON object.")));
        }
        Map<?, ?> spec = object(json.get("spec"));
        if (spec == null) {
            throw new Invalid(400, List.of(ApiError.invalidInput("/spec", "spec is required and must be an object.")));
        }
        List<ApiError> shape = new ArrayList<>();
        String displayName = string(spec, "display_name", "/spec/display_name", true, shape);
        String cloud = string(spec, "cloud", "/spec/cloud", true, shape);
        String environment = string(spec, "environment", "/spec/environment", true, shape);
        String description = string(spec, "description", "/spec/description", false, shape);
        Map<?, ?> source = object(spec.get("upload_source"));
        String uploadId = null;
        if (source == null) {
            shape.add(ApiError.invalidInput("/spec/upload_source", "upload_source is required and must be an object."));
        } else {
            String location = string(source, "location", "/spec/upload_source/location", true, shape);
            if (location != null && !location.equals(PRESIGNED_URL_LOCATION)) {
                shape.add(ApiError.invalidInput("/spec/upload_source/location",
                        "location must be " + PRESIGNED_URL_LOCATION + "."));
            }
            uploadId = string(source, "upload_id", "/spec/upload_source/upload_id", true, shape);
        }
        if (!shape.isEmpty()) {
            throw new Invalid(400, shape);
        }
        List<ApiError> values = new ArrayList<>();
        int nameLength = displayName.codePointCount(0, displayName.length());
        if (nameLength < 1 || nameLength > DISPLAY_NAME_MAX) {
            values.add(invalid("/spec/display_name", "display_name must be 1 to " + DISPLAY_NAME_MAX
                    + " characters long, not " + nameLength + "."));
        }
        if (description != null && description.codePointCount(0, description.length()) > DESCRIPTION_MAX) {
            values.add(invalid("/spec/description", "description must be at most " + DESCRIPTION_MAX
                    + " characters long."));
        }
        if (!CLOUDS.contains(cloud.toUpperCase(java.util.Locale.ROOT))) {
            values.add(invalid("/spec/cloud", "cloud must be one of " + String.join(", ", CLOUDS) + "."));
        }
        if (!values.isEmpty()) {
            throw new Invalid(422, values);
        }
        return new ConnectArtifactRequest(displayName, cloud, environment, description, uploadId);
    }

    static ApiError invalid(String pointer, String detail) {
        return new ApiError(422, "invalid_configuration", "Invalid Configuration", detail, pointer);
    }

    private static Object readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.read(body, Object.class);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static Map<?, ?> object(Object value) {
        return value instanceof Map<?, ?> map ? map : null;
    }

    private static String string(Map<?, ?> json, String field, String pointer, boolean required,
            List<ApiError> errors) {
        Object value = json.get(field);
        if (value == null) {
            if (required) {
                errors.add(ApiError.invalidInput(pointer, field + " is required."));
            }
            return null;
        }
        if (!(value instanceof String s)) {
            errors.add(ApiError.invalidInput(pointer, field + " must be a string."));
            return null;
        }
        return s;
    }
}
