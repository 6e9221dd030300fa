package dev.connectops.cam.service;

import java.time.Duration;

/**
 * The Connect Artifact to create once the upload has succeeded, with every value already checked.
 *
 * @param name the artifact's display name, 1 to 60 characters
 * @param description at most 256 characters, or null for none
 * @param waitForReady whether to wait until the artifact is READY
 * @param waitTimeout how long to wait for READY at most
 */
public record ArtifactRequest(String name, String description, boolean waitForReady, Duration waitTimeout) {
}
