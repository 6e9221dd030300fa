package dev.connectops.cam.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveInspectorTest {
    @TempDir
    Path dir;

    private final ArchiveInspector inspector = new ArchiveInspector();

    @Test
    void missingFileIsRejectedAsNotExisting() {
        Path missing = dir.resolve("nope.jar");

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> inspector.inspect(missing));

        assertEquals("The archive " + missing + " does not exist.", e.getMessage());
    }

    @Test
    void directoryIsRejectedAsNotARegularFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("plugin.zip"));

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> inspector.inspect(folder));

        assertEquals("The archive " + folder + " is not a regular file.", e.getMessage());
    }

    @Test
    void unreadableFileIsRejectedWithAPermissionsHint() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path jar = writeZip(dir.resolve("locked.jar"), "a.txt");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(jar), "running as a user (root) who can read any file");

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> inspector.inspect(jar));

        assertEquals("The archive " + jar + " cannot be read (check its permissions).", e.getMessage());
    }

    @Test
    void emptyFileIsRejectedAsEmpty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jar"));

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> inspector.inspect(empty));

        assertEquals("The archive " + empty + " is empty (0 bytes).", e.getMessage());
    }

    @Test
    void jarThatIsNotAZipIsRejectedSayingItIsNotAZipArchive() throws IOException {
        Path jar = Files.writeString(dir.resolve("fake.jar"), "this is plain text, not a ZIP\n");

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> inspector.inspect(jar));

        assertTrue(e.getMessage().startsWith("The file " + jar + " is not a ZIP archive"), e.getMessage());
    }

    @Test
    void zipHeaderWithoutCentralDirectoryIsRejectedAsNotAZipArchive() throws IOException {
        Path full = writeZip(dir.resolve("full.zip"), "a.txt");
        byte[] bytes = Files.readAllBytes(full);
        // Keep the local file header but cut the central directory off, as an interrupted download would.
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, 40));

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> inspector.inspect(truncated));

        assertTrue(e.getMessage().startsWith("The file " + truncated + " is not a ZIP archive"), e.getMessage());
    }

    @Test
    void zipWithNoEntriesIsRejected() throws IOException {
        Path zip = writeZip(dir.resolve("hollow.zip"));
        assertEquals(22, Files.size(zip), "an empty ZIP is just its end-of-central-directory record");

        InvalidArchiveException e = assertThrows(InvalidArchiveException.class, () -> inspector.inspect(zip));

        assertEquals("The archive " + zip + " is a ZIP file with no entries.", e.getMessage());
    }

    @Test
    void goodJarReturnsItsSizeInBytes() throws Exception {
        Path jar = writeZip(dir.resolve("connector.jar"), "META-INF/MANIFEST.MF", "com/example/Smt.class");

        assertEquals(Files.size(jar), inspector.inspect(jar));
    }

    @Test
    void goodZipWithUpperCaseExtensionReturnsItsSizeInBytes() throws Exception {
        Path zip = writeZip(dir.resolve("PLUGIN.ZIP"), "lib/a.jar");

        assertEquals(Files.size(zip), inspector.inspect(zip));
    }

    static Path writeZip(Path target, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(("content of " + entry).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return target;
    }
}
