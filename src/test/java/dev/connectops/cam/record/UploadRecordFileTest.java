package dev.connectops.cam.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadRecordFileTest {
    private static final List<String> SPEC_KEYS = List.of("upload_id", "environment", "cloud", "content_format", "file",
            "size_bytes", "sha256", "md5", "request_id", "uploaded_at");

    @TempDir
    Path dir;

    private static UploadRecord record(String uploadId) {
        return new UploadRecord(uploadId, "env-abc123", "AWS", "ZIP", "target/components/packages/x-1.0.zip", 12_345,
                "a".repeat(64), "b".repeat(32), "req-9", "2026-12-03T18:00:05Z");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void writesExactlyTheSpecKeysWithTheirValues() throws Exception {
        Path out = dir.resolve("cam-upload.json");

        new UploadRecordFile(out).write(record("e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66"));

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(SPEC_KEYS, fieldNames(json));
        assertEquals("e53bb2e8-8de3-49fa-9fb1-4e3fd9a16b66", json.get("upload_id").asText());
        assertEquals("env-abc123", json.get("environment").asText());
        assertEquals("AWS", json.get("cloud").asText());
        assertEquals("ZIP", json.get("content_format").asText());
        assertEquals("target/components/packages/x-1.0.zip", json.get("file").asText());
        assertTrue(json.get("size_bytes").isIntegralNumber());
        assertEquals(12_345, json.get("size_bytes").asLong());
        assertEquals("a".repeat(64), json.get("sha256").asText());
        assertEquals("b".repeat(32), json.get("md5").asText());
        assertEquals("req-9", json.get("request_id").asText());
        assertEquals("2026-12-03T18:00:05Z", json.get("uploaded_at").asText());
    }

    @Test
    void artifactFieldsFollowTheUploadFieldsWhenAnArtifactWasMade() throws Exception {
        Path out = dir.resolve("cam-upload.json");

        new UploadRecordFile(out).write(record("u-1").withArtifact("cca-7xq2m1", "uppercase-smt", "READY"));

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        List<String> keys = new ArrayList<>(SPEC_KEYS);
        keys.addAll(List.of("artifact_id", "artifact_name", "artifact_phase"));
        assertEquals(keys, fieldNames(json));
        assertEquals("cca-7xq2m1", json.get("artifact_id").asText());
        assertEquals("uppercase-smt", json.get("artifact_name").asText());
        assertEquals("READY", json.get("artifact_phase").asText());
        assertEquals("u-1", json.get("upload_id").asText());
    }

    @Test
    void createsMissingParentDirectories() throws Exception {
        Path out = dir.resolve("target/sub/cam-upload.json");

        new UploadRecordFile(out).write(record("u-1"));

        assertEquals("u-1", new ObjectMapper().readTree(out.toFile()).get("upload_id").asText());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path out = dir.resolve("cam-upload.json");
        Files.writeString(out, "{\"upload_id\":\"old\",\"stale\":true}");

        new UploadRecordFile(out).write(record("new-id"));

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals("new-id", json.get("upload_id").asText());
        assertFalse(json.has("stale"));
        assertEquals(List.of(out), filesIn(dir));
    }

    @Test
    void writingTwiceKeepsOneFileWithTheLatestRecord() throws Exception {
        Path out = dir.resolve("cam-upload.json");
        UploadRecordFile file = new UploadRecordFile(out);

        file.write(record("first"));
        file.write(record("second"));

        assertEquals("second", new ObjectMapper().readTree(out.toFile()).get("upload_id").asText());
        assertEquals(List.of(out), filesIn(dir));
    }

    @Test
    void deleteRemovesTheRecordAndToleratesItsAbsence() throws Exception {
        Path out = dir.resolve("cam-upload.json");
        UploadRecordFile file = new UploadRecordFile(out);
        file.write(record("x"));

        file.delete();
        assertFalse(Files.exists(out));
        file.delete();
        assertFalse(Files.exists(out));
        assertEquals(out, file.path());
    }

    @Test
    void deleteRemovesAnEarlierRecord() throws Exception {
        UploadRecordFile file = new UploadRecordFile(dir.resolve("cam-upload.json"));
        file.write(record("earlier"));

        file.delete();

        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void deleteLeavesAFileThatIsNotARecordAndSaysSo() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "release notes, not a record");
        Path folder = Files.createDirectories(dir.resolve("reports"));

        for (Path path : List.of(notes, folder)) {
            IOException e = assertThrows(IOException.class, () -> new UploadRecordFile(path).delete());
            assertEquals("The upload record file " + path + " (outputFile, -Dcam.outputFile) already exists and is"
                    + " not an upload record, so it is not replaced. Name a file of its own, e.g."
                    + " -Dcam.outputFile=target/cam-upload.json.", e.getMessage());
        }
        assertEquals("release notes, not a record", Files.readString(notes));
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void writeThatFailsNamesTheFileTheParameterAndWhatWentWrong() throws Exception {
        Path blocker = Files.writeString(dir.resolve("target"), "a file where a directory should be");
        Path out = blocker.resolve("cam-upload.json");

        IOException e = assertThrows(IOException.class, () -> new UploadRecordFile(out).write(record("u-1")));

        assertTrue(e.getMessage().startsWith("The upload record " + out + " (outputFile, -Dcam.outputFile) cannot be"
                + " written (FileAlreadyExistsException: "), e.getMessage());
    }
}
