package dev.connectops.cam.service;

import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.api.CamApiClient;
import dev.connectops.cam.api.ConnectArtifact;
import dev.connectops.cam.api.ConnectArtifactRequest;
import dev.connectops.cam.http.RetryPolicy;
import dev.connectops.cam.record.UploadRecord;
import dev.connectops.cam.record.UploadRecordFile;
import java.io.IOException;
import java.util.Locale;

/**
 * After a successful upload: creates the Connect Artifact from it and, unless told not to, waits until it
 * is READY. The record is rewritten whenever the artifact's phase changes, so that a build that fails on a
 * FAILED artifact or a timeout still leaves behind what exists in Confluent Cloud: the upload and the
 * artifact with its last phase.
 */
final class ArtifactCreation {
    private final BuildLog log;
    private final ArtifactReadiness readiness;

    ArtifactCreation(BuildLog log, ArtifactReadiness readiness) {
        this.log = log;
        this.readiness = readiness;
    }

    /** What a dry run would do after the upload; sends nothing. */
    static String plan(UploadRequest request, ArtifactRequest artifact) {
        String description = artifact.description() == null ? "no description"
                : "description '" + artifact.description() + "'";
        String wait = artifact.waitForReady()
                ? String.format(Locale.ROOT, "wait up to %d s for it to be READY", artifact.waitTimeout().toSeconds())
                : "not wait for it to be READY";
        return "then create Connect Artifact '" + artifact.name() + "' (" + description + ") through POST "
                + CamApiClient.artifactsEndpoint(request.apiUrl(), request.cloud(), request.environment()) + " and "
                + wait;
    }

    /** @return the upload's record with the artifact's id, name and last phase */
    UploadRecord run(CamApiClient api, RetryPolicy retry, UploadRequest request, ArtifactRequest artifact,
            UploadRecord uploaded, UploadRecordFile recordFile)
            throws ApiException, TransferException, ArtifactNotReadyException, IOException {
        String name = artifact.name();
        log.info("Creating Connect Artifact '" + name + "' in environment " + request.environment() + " from upload "
                + uploaded.uploadId());
        ConnectArtifactRequest body = ConnectArtifactRequest.fromUpload(name, request.cloud(), request.environment(),
                artifact.description(), uploaded.uploadId());
        ConnectArtifact created = call(retry, request, "Creating Connect Artifact '" + name + "'",
                () -> api.createArtifact(body));
        log.info("Created Connect Artifact " + created.id() + " ('" + name + "'), phase " + created.shownPhase()
                + ", request id " + (created.requestId() == null ? "not given" : created.requestId()));
        recordFile.write(uploaded.withArtifact(created.id(), name, created.phase()));
        ConnectArtifact last = created;
        if (artifact.waitForReady()) {
            String id = created.id();
            last = readiness.await(created, name, artifact.waitTimeout(),
                    () -> call(retry, request, "Reading Connect Artifact " + id,
                            () -> api.artifact(id, request.cloud(), request.environment())),
                    seen -> recordFile.write(uploaded.withArtifact(id, name, seen.phase())));
        } else {
            log.info("Not waiting for Connect Artifact " + created.id() + " to be READY (waitForReady is false).");
        }
        UploadRecord record = uploaded.withArtifact(created.id(), name, last.phase());
        log.info(record.artifactLine());
        return record;
    }

    private static ConnectArtifact call(RetryPolicy retry, UploadRequest request, String operation,
            RetryPolicy.Attempt<ConnectArtifact, ApiException> attempt) throws ApiException, TransferException {
        try {
            return retry.run(operation, attempt, RetryVerdicts::forApi);
        } catch (IOException e) {
            throw new TransferException(operation + " at " + request.apiUrl().getHost() + " failed: "
                    + NetworkFailure.describe(e) + ".", e);
        }
    }
}
