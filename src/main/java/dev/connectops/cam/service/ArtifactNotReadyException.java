package dev.connectops.cam.service;

/** The Connect Artifact was created but did not become READY: it FAILED, or the wait timed out. */
public class ArtifactNotReadyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String artifactId;
    private final String phase;

    public ArtifactNotReadyException(String message, String artifactId, String phase) {
        super(message);
        this.artifactId = artifactId;
        this.phase = phase;
    }

    public String artifactId() {
        return artifactId;
    }

    /** The last phase seen. */
    public String phase() {
        return phase;
    }
}
