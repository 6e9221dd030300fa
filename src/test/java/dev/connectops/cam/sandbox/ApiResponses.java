package dev.connectops.cam.sandbox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;
import java.util.UUID;

/** Error answers in the Confluent API's shape: JSON {@code errors[]} and an {@code X-Request-Id}. */
final class ApiResponses {

    private ApiResponses() {
    }

    static ResponseDefinition unauthorized(ResponseDefinition stubbed) {
        return builder(stubbed, 401, List.of(new ApiError(401, "user_unauthenticated", "Unauthenticated",
                        "Valid authentication credentials must be provided", null)))
                .withHeader("WWW-Authenticate",
                        "Basic error=\"invalid_key\", error_description=\"The API Key is invalid\"")
                .build();
    }

    static ResponseDefinition errors(ResponseDefinition stubbed, int status, List<ApiError> errors) {
        return builder(stubbed, status, errors).build();
    }

    private static ResponseDefinitionBuilder builder(ResponseDefinition stubbed, int status, List<ApiError> errors) {
        return ResponseDefinitionBuilder.like(stubbed).but()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", UUID.randomUUID().toString())
                .withBody(ApiError.body(errors));
    }
}
