package dev.connectops.cam.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Confluent error body. The CAM operations declare {@code {"errors":[{status, code, title,
 * detail, source:{pointer}}]}}, while the API guide describes a newer {@code {"error":{code, message}}}
 * style; both are read, and anything else yields no errors (the caller then shows the raw excerpt).
 */
final class ApiErrors {
    private ApiErrors() {
    }

    static List<ApiError> parse(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return List.of();
        }
        if (root == null || !root.isObject()) {
            return List.of();
        }
        List<ApiError> errors = new ArrayList<>();
        JsonNode array = root.get("errors");
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                errors.add(new ApiError(text(e, "status"), firstText(e, "code", "error_code"),
                        text(e, "title"), firstText(e, "detail", "message"), text(e.path("source"), "pointer")));
            }
        }
        JsonNode single = root.get("error");
        if (errors.isEmpty() && single != null && single.isObject()) {
            errors.add(new ApiError(text(root, "status"), text(single, "code"), null,
                    text(single, "message"), null));
        }
        errors.removeIf(e -> e.describe().isEmpty());
        return errors;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
