package dev.connectops.cam.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadRecordTest {

    @Test
    void logLineCarriesUploadIdFileSizeEnvironmentAndTime() {
        UploadRecord record = new UploadRecord("e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66", "env-abc123", "AWS", "JAR",
                "target/smt-1.0.jar", 4096, "s", "m", "r", "2026-12-03T18:00:05Z");

        String line = record.logLine(Duration.ofMillis(2_345));

        assertEquals("upload_id=e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66 file=target/smt-1.0.jar size=4096 bytes"
                + " environment=env-abc123 took 2.3 s", line);
        assertTrue(line.matches(".*\\bupload_id=e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66\\s.*"), "greppable upload_id");
    }

    @Test
    void fileNameWithALineBreakStaysOnTheOneGreppableLine() {
        UploadRecord record = new UploadRecord("e53bb2e8", "env-abc123", "AWS", "JAR", "names/new\nline\\x.jar", 1,
                "s", "m", "r", "2026-12-03T18:00:05Z");

        String line = record.logLine(Duration.ZERO);

        assertEquals("upload_id=e53bb2e8 file=names/new\\u000aline\\x.jar size=1 bytes environment=env-abc123"
                + " took 0.0 s", line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void artifactLineCarriesTheArtifactIdNameAndPhaseButNotTheUploadId() {
        UploadRecord record = new UploadRecord("e53bb2e8", "env-abc123", "AWS", "JAR", "target/smt-1.0.jar", 4096, "s",
                "m", "r", "2026-12-03T18:00:05Z").withArtifact("cca-7xq2m1", "uppercase-smt", "READY");

        assertEquals("artifact_id=cca-7xq2m1 name='uppercase-smt' phase=READY environment=env-abc123",
                record.artifactLine());
        assertFalse(record.artifactLine().contains("upload_id="));
    }
}
