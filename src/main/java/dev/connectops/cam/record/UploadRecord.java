package dev.connectops.cam.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Locale;

/**
 * The result of one upload, as written to the JSON record and the build log. The three {@code artifact_}
 * fields are present only when a Connect Artifact was created from the upload.
 */
@JsonPropertyOrder({"upload_id", "environment", "cloud", "content_format", "file", "size_bytes", "sha256", "md5",
    "request_id", "uploaded_at", "artifact_id", "artifact_name", "artifact_phase"})
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
        @JsonProperty("uploaded_at") String uploadedAt,
        @JsonProperty("artifact_id") @JsonInclude(JsonInclude.Include.NON_NULL) String artifactId,
        @JsonProperty("artifact_name") @JsonInclude(JsonInclude.Include.NON_NULL) String artifactName,
        @JsonProperty("artifact_phase") @JsonInclude(JsonInclude.Include.NON_NULL) String artifactPhase) {

    /** An upload from which no Connect Artifact was (yet) created. */
    public UploadRecord(String uploadId, String environment, String cloud, String contentFormat, String file,
            long sizeBytes, String sha256, String md5, String requestId, String uploadedAt) {
        this(uploadId, environment, cloud, contentFormat, file, sizeBytes, sha256, md5, requestId, uploadedAt, null,
                null, null);
    }

    /** This upload, with the Connect Artifact made from it in the phase last seen. */
    public UploadRecord withArtifact(String id, String name, String phase) {
        return new UploadRecord(uploadId, environment, cloud, contentFormat, file, sizeBytes, sha256, md5, requestId,
                uploadedAt, id, name, phase);
    }

    /** The one build-log line that carries {@code upload_id=}, for people and for scripts that grep. */
    public String logLine(Duration took) {
        return String.format(Locale.ROOT, "upload_id=%s file=%s size=%d bytes environment=%s took %.1f s", uploadId,
                LogText.oneLine(file), sizeBytes, environment, took.toMillis() / 1000.0);
    }

    /**
     * The build-log line that carries {@code artifact_id=}, once an artifact exists. It leaves the upload id
     * out, so that {@link #logLine} stays the only line with {@code upload_id=}.
     */
    public String artifactLine() {
        return String.format(Locale.ROOT, "artifact_id=%s name='%s' phase=%s environment=%s", artifactId,
                artifactName, artifactPhase, environment);
    }
}
