package dev.connectops.cam.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks, before any network call, that a file is an archive Confluent Cloud can take: a readable,
 * non-empty ZIP (JARs are ZIPs) whose central directory can be read and which has at least one entry.
 */
public final class ArchiveInspector {

    /** Returns the archive's size in bytes when it passes every check. */
    public long inspect(Path file) throws InvalidArchiveException {
        if (!Files.exists(file)) {
            throw new InvalidArchiveException("The archive " + file + " does not exist.");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidArchiveException("The archive " + file + " is not a regular file.");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidArchiveException("The archive " + file + " cannot be read (check its permissions).");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidArchiveException("The size of " + file + " cannot be read: " + e.getMessage());
        }
        if (size == 0) {
            throw new InvalidArchiveException("The archive " + file + " is empty (0 bytes).");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() == 0) {
                throw new InvalidArchiveException("The archive " + file + " is a ZIP file with no entries.");
            }
        } catch (ZipException e) {
            throw new InvalidArchiveException("The file " + file + " is not a ZIP archive (JAR and ZIP files are ZIP"
                    + " archives), so Confluent Cloud would reject it: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidArchiveException("The archive " + file + " cannot be read: " + e.getMessage());
        }
        return size;
    }
}
