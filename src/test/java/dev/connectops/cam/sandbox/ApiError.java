package dev.connectops.cam.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One entry of the Confluent API's {@code Failure} body: {@code {"errors":[…]}}. */
record ApiError(int status, String code, String title, String detail, String pointer) {

    static ApiError invalidInput(String pointer, String detail) {
        return new ApiError(400, "invalid_input", "Invalid Input", detail, pointer);
    }

    static String body(List<ApiError> errors) {
        return CompactJson.write(Map.of("errors", errors.stream().map(ApiError::toMap).toList()));
    }

    private Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", UUID.randomUUID().toString());
        map.put("status", Integer.toString(status));
        map.put("code", code);
        map.put("title", title);
        map.put("detail", detail);
        if (pointer != null) {
            map.put("source", Map.of("pointer", pointer));
        }
        return map;
    }
}
