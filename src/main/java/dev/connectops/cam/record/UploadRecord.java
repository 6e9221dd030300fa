package dev.connectops.cam.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Locale;

/** The result of one upload, as written to the JSON record and the build log. */
@JsonPropertyOrder({"upload_id", "environment", "cloud", "content_format", "file", "size_bytes", "sha256", "md5",
    "request_id", "uploaded_at"})
public record UploadRecord(
        @JsonProperty("upload_id") String uploadId,
        @JsonProperty("environment") String environment,
        @JsonProperty("cloud") String cloud,
        @JsonProperty("content_format") String contentFormat,
        @JsonProperty("file") String file,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("md5") String md5,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("uploaded_at") String uploadedAt) {

    /** The one build-log line that carries {@code upload_id=}, for people and for scripts that grep. */
    public String logLine(Duration took) {
        return String.format(Locale.ROOT, "upload_id=%s file=%s size=%d bytes environment=%s took %.1f s", uploadId,
                file, sizeBytes, environment, took.toMillis() / 1000.0);
    }
}
