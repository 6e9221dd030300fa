package dev.connectops.cam.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code POST /cam/v1/connect-artifacts}: a Connect Artifact made from an archive uploaded
 * through a presigned URL. {@code content_format} is read-only in the API (the server takes it from the
 * upload), so it is not sent.
 */
public record ConnectArtifactRequest(@JsonProperty("spec") Spec spec) {

    /** Where the archive came from; the presigned-URL variant is the only one the API defines. */
    public static final String PRESIGNED_URL_LOCATION = "PRESIGNED_URL_LOCATION";

    @JsonPropertyOrder({"display_name", "cloud", "environment", "description", "upload_source"})
    public record Spec(
            @JsonProperty("display_name") String displayName,
            @JsonProperty("cloud") String cloud,
            @JsonProperty("environment") String environment,
            @JsonProperty("description") @JsonInclude(JsonInclude.Include.NON_NULL) String description,
            @JsonProperty("upload_source") UploadSource uploadSource) {
    }

    @JsonPropertyOrder({"location", "upload_id"})
    public record UploadSource(
            @JsonProperty("location") String location,
            @JsonProperty("upload_id") String uploadId) {
    }

    /** @param description may be null: the artifact then has none */
    public static ConnectArtifactRequest fromUpload(String displayName, String cloud, String environment,
            String description, String uploadId) {
        return new ConnectArtifactRequest(new Spec(displayName, cloud, environment, description,
                new UploadSource(PRESIGNED_URL_LOCATION, uploadId)));
    }

    public String displayName() {
        return spec.displayName();
    }

    public String cloud() {
        return spec.cloud();
    }

    public String environment() {
        return spec.environment();
    }

    @JsonIgnore
    public String uploadId() {
        return spec.uploadSource() == null ? null : spec.uploadSource().uploadId();
    }
}
