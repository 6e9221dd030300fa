package dev.connectops.cam.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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

    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    public void write(UploadRecord record) throws IOException {
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
    }
}
