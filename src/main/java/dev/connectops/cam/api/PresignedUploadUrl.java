package dev.connectops.cam.api;

import java.net.URI;
import java.util.Map;

/**
 * What the API handed out for one upload: its id, the URL to POST the archive to and the form fields
 * that go with it, in the order received. The fields hold a signature and a session token, so
 * {@link #toString()} names only the field names.
 */
public record PresignedUploadUrl(String uploadId, URI uploadUrl, Map<String, String> formData, String requestId) {

    public PresignedUploadUrl {
        formData = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(formData));
    }

    @Override
    public String toString() {
        return "PresignedUploadUrl[uploadId=" + uploadId + ", uploadUrl=" + uploadUrl + ", fields="
                + formData.keySet() + ", requestId=" + requestId + "]";
    }
}
