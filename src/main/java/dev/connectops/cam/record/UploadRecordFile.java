package dev.connectops.cam.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JSON record file. It is written to a temporary file beside it and moved into place, so a
 * reader never sees half a record, and removed when a new run starts, so a failed run leaves no
 * record of an earlier success that could be taken for its own.
 */
public final class UploadRecordFile {
    private final Path path;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public UploadRecordFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Removes the record of an earlier run. Only a record is removed: a mistyped outputFile that names a
     * directory or some other file fails here, before anything is sent, and that file is left alone.
     */
    public void delete() throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || !holdsARecord()) {
            throw new IOException("The upload record file " + path + " (outputFile, -Dcam.outputFile) already exists"
                    + " and is not an upload record, so it is not replaced. Name a file of its own, e.g."
                    + " -Dcam.outputFile=target/cam-upload.json.");
        }
        Files.delete(path);
    }

    private boolean holdsARecord() {
        try {
            JsonNode root = json.readTree(path.toFile());
            return root != null && root.isObject() && root.has("upload_id");
        } catch (IOException e) {
            return false;
        }
    }

    public void write(UploadRecord record) throws IOException {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try {
                json.writeValue(temp.toFile(), record);
                try {
                    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new IOException("The upload record " + path + " (outputFile, -Dcam.outputFile) cannot be written ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
