package dev.connectops.cam.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the sandbox API remembers between requests: the uploads it handed out forms for, and the Connect Artifacts
 * created from them. Each artifact walks through its phases one poll at a time, as processing on the real service
 * does, so that clients meet a phase change and not only a finished artifact.
 */
final class ConnectArtifactStore {

    static final String CREATED_PHASE = "WAITING_FOR_PROCESSING";
    /** What the polls of an artifact answer, one after the other; the last one repeats. */
    static final List<String> DEFAULT_PHASES = List.of("PROCESSING", "READY");

    /** One presigned upload form the API handed out. */
    record Upload(String uploadId, String environment, String key, String contentFormat) {
    }

    /** One Connect Artifact; its phase moves on with every poll. */
    static final class Artifact {
        private final String id;
        private final ConnectArtifactRequest spec;
        private final String contentFormat;
        private final Instant createdAt;
        private final List<String> phases;
        private int polls; // guarded by this

        private Artifact(String id, ConnectArtifactRequest spec, String contentFormat, Instant createdAt,
                List<String> phases) {
            this.id = id;
            this.spec = spec;
            this.contentFormat = contentFormat;
            this.createdAt = createdAt;
            this.phases = List.copyOf(phases);
        }

        String id() {
            return id;
        }

        ConnectArtifactRequest spec() {
            return spec;
        }

        String contentFormat() {
            return contentFormat;
        }

        Instant createdAt() {
            return createdAt;
        }

        synchronized String phase() {
            return polls == 0 ? CREATED_PHASE : phases.get(Math.min(polls, phases.size()) - 1);
        }

        /** The phase this poll sees: the next one, until the last. */
        synchronized String poll() {
            polls++;
            return phase();
        }

        boolean isIn(String cloud, String environment) {
            return spec.cloud().equalsIgnoreCase(cloud) && spec.environment().equals(environment);
        }
    }

    /** The artifact made, or the one that already has the name. */
    record Creation(Artifact artifact, boolean created) {
    }

    private final Path dataDir;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, Artifact> artifacts = new LinkedHashMap<>(); // guarded by this

    /** @param dataDir S3Proxy's store, where an uploaded object is the file {@code <bucket>/<key>} */
    ConnectArtifactStore(Path dataDir) {
        this.dataDir = dataDir;
    }

    void issued(Upload upload) {
        uploads.put(upload.uploadId(), upload);
    }

    Optional<Upload> upload(String uploadId) {
        return Optional.ofNullable(uploads.get(uploadId));
    }

    /** Whether S3Proxy holds the object the upload's form named. */
    boolean landed(Upload upload) {
        return Files.isRegularFile(dataDir.resolve(Sandbox.BUCKET).resolve(upload.key()));
    }

    /** Creates the artifact unless its display name is taken in that cloud and environment. */
    synchronized Creation create(ConnectArtifactRequest spec, Upload upload, List<String> phases, Instant now) {
        for (Artifact existing : artifacts.values()) {
            if (existing.isIn(spec.cloud(), spec.environment())
                    && existing.spec().displayName().equals(spec.displayName())) {
                return new Creation(existing, false);
            }
        }
        Artifact artifact = new Artifact(newId(), spec, upload.contentFormat(), now, phases);
        artifacts.put(artifact.id(), artifact);
        return new Creation(artifact, true);
    }

    synchronized Optional<Artifact> find(String id, String cloud, String environment) {
        return Optional.ofNullable(artifacts.get(id)).filter(a -> a.isIn(cloud, environment));
    }

    private String newId() {
        String id;
        do {
            id = "cca-" + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toLowerCase(Locale.ROOT);
        } while (artifacts.containsKey(id));
        return id;
    }
}
