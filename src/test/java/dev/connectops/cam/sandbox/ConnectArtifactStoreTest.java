package dev.connectops.cam.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectArtifactStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private static final ConnectArtifactStore.Upload UPLOAD =
            new ConnectArtifactStore.Upload("u-1", "env-a1", "sandbox/cam/v1/env-a1/connect-u-1/plugin.zip", "ZIP");

    @TempDir
    Path dataDir;

    private static ConnectArtifactRequest spec(String name, String cloud, String environment) {
        return new ConnectArtifactRequest(name, cloud, environment, null, "u-1");
    }

    @Test
    void pollsWalkThePhasesAndStayOnTheLast() {
        ConnectArtifactStore store = new ConnectArtifactStore(dataDir);
        ConnectArtifactStore.Artifact artifact = store.create(spec("smt", "AWS", "env-a1"), UPLOAD,
                ConnectArtifactStore.DEFAULT_PHASES, NOW).artifact();

        assertEquals("WAITING_FOR_PROCESSING", artifact.phase());
        assertEquals(List.of("PROCESSING", "READY", "READY"),
                List.of(artifact.poll(), artifact.poll(), artifact.poll()));
        assertTrue(artifact.id().matches("cca-[a-z0-9]{6}"), artifact.id());
        assertEquals("ZIP", artifact.contentFormat());
    }

    @Test
    void nameIsTakenPerCloudAndEnvironment() {
        ConnectArtifactStore store = new ConnectArtifactStore(dataDir);
        ConnectArtifactStore.Creation first = store.create(spec("smt", "AWS", "env-a1"), UPLOAD, List.of("READY"), NOW);

        ConnectArtifactStore.Creation again = store.create(spec("smt", "aws", "env-a1"), UPLOAD, List.of("READY"), NOW);
        ConnectArtifactStore.Creation elsewhere = store.create(spec("smt", "AWS", "env-b2"), UPLOAD, List.of("READY"),
                NOW);

        assertTrue(first.created());
        assertFalse(again.created());
        assertSame(first.artifact(), again.artifact());
        assertTrue(elsewhere.created());
    }

    @Test
    void findComparesTheCloudIgnoringCaseAndTheEnvironmentExactly() {
        ConnectArtifactStore store = new ConnectArtifactStore(dataDir);
        String id = store.create(spec("smt", "AWS", "env-a1"), UPLOAD, List.of("READY"), NOW).artifact().id();

        assertTrue(store.find(id, "aws", "env-a1").isPresent());
        assertEquals(Optional.empty(), store.find(id, "AWS", "env-b2"));
        assertEquals(Optional.empty(), store.find("cca-000000", "AWS", "env-a1"));
    }

    @Test
    void anUploadHasLandedOnlyWhenS3ProxyHoldsItsObject() throws Exception {
        ConnectArtifactStore store = new ConnectArtifactStore(dataDir);
        store.issued(UPLOAD);

        assertEquals(Optional.of(UPLOAD), store.upload("u-1"));
        assertFalse(store.landed(UPLOAD));
        Path object = dataDir.resolve(Sandbox.BUCKET).resolve(UPLOAD.key());
        Files.createDirectories(object.getParent());
        Files.write(object, new byte[] {1});
        assertTrue(store.landed(UPLOAD));
        assertEquals(Optional.empty(), store.upload("u-2"));
    }
}
