package dev.connectops.cam.api;

import java.util.List;
import java.util.stream.Collectors;

/** The Confluent API answered with something other than success. The message is written for the user. */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<ApiError> errors;
    private final String requestId;

    public ApiException(String operation, int status, List<ApiError> errors, String detail, String requestId) {
        super(message(operation, status, errors, detail, requestId));
        this.status = status;
        this.errors = List.copyOf(errors);
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }

    public String requestId() {
        return requestId;
    }

    private static String message(String operation, int status, List<ApiError> errors, String detail,
            String requestId) {
        StringBuilder text = new StringBuilder(operation).append(" failed: HTTP ").append(status);
        String hint = hint(status);
        if (!errors.isEmpty()) {
            text.append(": ").append(errors.stream().map(ApiError::describe).collect(Collectors.joining("; ")));
        } else if (detail != null) {
            text.append(": ").append(detail);
        }
        text.append(" (request id ").append(requestId == null ? "not given" : requestId).append(')');
        if (hint != null) {
            text.append(". ").append(hint);
        }
        return text.toString();
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> "Check the Cloud API key and secret (a Kafka cluster key does not work here).";
            case 403 -> "The API key needs the EnvironmentAdmin role on this environment.";
            case 404 -> "Check apiUrl and the environment id.";
            default -> null;
        };
    }
}
