package dev.connectops.cam.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.connectops.cam.archive.ContentFormat;

/** The body of {@code POST /cam/v1/presigned-upload-url} ({@code cam.v1.PresignedUrlRequest}). */
public record PresignRequest(
        @JsonProperty("content_format") ContentFormat contentFormat,
        @JsonProperty("cloud") String cloud,
        @JsonProperty("environment") String environment) {
}
