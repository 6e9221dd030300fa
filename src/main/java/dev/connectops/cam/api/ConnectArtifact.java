package dev.connectops.cam.api;

import java.util.Locale;
import java.util.Set;

/**
 * What the API says about one Connect Artifact ({@code cam.v1.ConnectArtifact}). {@code phase} is an
 * extensible enum: WAITING_FOR_PROCESSING, PROCESSING, READY and FAILED are documented, and
 * PROVISIONING/PROVISIONED have been seen, so any phase this class does not know counts as "not done yet".
 *
 * @param phase {@code status.phase}, or null when the answer had none
 * @param statusDetail the other text fields of {@code status} (the API documents none, but a FAILED
 *     artifact may carry an explanation), as "name: value; …", or null
 * @param requestId the answer's {@code X-Request-Id}
 * @param uploadId {@code spec.upload_source.upload_id}, the upload it was made from, or null when not shown
 */
public record ConnectArtifact(String id, String displayName, String phase, String statusDetail, String requestId,
        String uploadId) {
    private static final Set<String> READY = Set.of("READY", "PROVISIONED");
    private static final String FAILED = "FAILED";

    public ConnectArtifact(String id, String displayName, String phase, String statusDetail, String requestId) {
        this(id, displayName, phase, statusDetail, requestId, null);
    }

    public boolean isReady() {
        return phase != null && READY.contains(phase.toUpperCase(Locale.ROOT));
    }

    public boolean hasFailed() {
        return FAILED.equalsIgnoreCase(phase);
    }

    /** The phase as the user should read it. */
    public String shownPhase() {
        return phase == null ? "(no phase reported)" : phase;
    }
}
