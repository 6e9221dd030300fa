package dev.connectops.cam.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Confluent API answered with something other than success. The message is written for the user. */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<ApiError> errors;
    private final String requestId;
    private final transient Optional<Duration> retryAfter;

    public ApiException(String operation, int status, List<ApiError> errors, String detail, String requestId) {
        this(operation, status, errors, detail, requestId, Optional.empty());
    }

    /**
     * @param retryAfter how long the server asked the client to wait before trying again (a 429's
     *     Retry-After or X-RateLimit-Reset)
     */
    public ApiException(String operation, int status, List<ApiError> errors, String detail, String requestId,
            Optional<Duration> retryAfter) {
        this(operation, status, errors, detail, requestId, retryAfter, hint(status));
    }

    /**
     * @param hint what the user can do about it, appended to the message; null for nothing
     */
    public ApiException(String operation, int status, List<ApiError> errors, String detail, String requestId,
            Optional<Duration> retryAfter, String hint) {
        super(message(operation, status, errors, detail, requestId, hint));
        this.status = status;
        this.errors = List.copyOf(errors);
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
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
            String requestId, String hint) {
        StringBuilder text = new StringBuilder(operation).append(" failed: HTTP ").append(status);
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

    /** What usually helps after this status, whatever the operation; null when nothing general does. */
    static String hint(int status) {
        return switch (status) {
            case 401 -> "Check the Cloud API key and secret (a Kafka cluster key does not work here).";
            case 403 -> "The API key needs the EnvironmentAdmin role on this environment.";
            case 404 -> "Check apiUrl and the environment id.";
            case 429 -> "Confluent Cloud's rate limit was reached; raise retries (-Dcam.retries) or try later.";
            default -> null;
        };
    }
}
