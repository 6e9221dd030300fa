package dev.connectops.cam.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestingFileBodyTest {
    /** Larger than the body's read-ahead (4 buffers of 256 KiB) and not a multiple of a buffer. */
    private static final int SIZE = 3 * 1024 * 1024 + 12_345;
    private static final long READ_AHEAD = 256 * 1024;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T18:00:00Z"));
    private final List<String> progressLines = new ArrayList<>();
    private final CountingArchiveSource source = new CountingArchiveSource();
    private Path file;
    private byte[] content;

    @BeforeEach
    void writeArchive() throws IOException {
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        file = Files.write(dir.resolve("plugin.zip"), content);
    }

    private DigestingFileBody body(long length) {
        return new DigestingFileBody(file, "plugin.zip", length,
                new UploadProgress(clock, UploadProgress.DEFAULT_INTERVAL, length, progressLines::add), source);
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    @Test
    void writesTheFileAndDigestsExactlyTheBytesWritten() throws Exception {
        DigestingFileBody body = body(SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        body.writeTo(out);

        assertArrayEquals(content, out.toByteArray());
        assertEquals(hex("MD5", content), body.md5Hex());
        assertEquals(hex("SHA-256", content), body.sha256Hex());
    }

    @Test
    void eachWriteReadsTheFileOnceFromTheStart() throws Exception {
        DigestingFileBody body = body(SIZE);

        body.writeTo(OutputStream.nullOutputStream());
        assertEquals(1, source.opens());
        assertEquals(SIZE, source.bytesRead());

        body.writeTo(OutputStream.nullOutputStream());
        assertEquals(2, source.opens(), "a second attempt opens the file again");
        assertEquals(2L * SIZE, source.bytesRead(), "and reads it whole again");
        assertEquals(hex("MD5", content), body.md5Hex(), "the digests start afresh for each attempt");
        assertEquals(hex("SHA-256", content), body.sha256Hex());
    }

    @Test
    void readsNoFurtherAheadOfTheSocketThanOneBuffer() throws Exception {
        List<Long> aheadAtEachWrite = new ArrayList<>();
        OutputStream socket = new OutputStream() {
            private long written;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                aheadAtEachWrite.add(source.bytesRead() - written);
                written += len;
            }
        };

        body(SIZE).writeTo(socket);

        assertTrue(aheadAtEachWrite.size() > 10, "written in pieces: " + aheadAtEachWrite.size());
        for (long ahead : aheadAtEachWrite) {
            assertTrue(ahead > 0 && ahead <= READ_AHEAD, "bytes read but not yet written: " + ahead);
        }
    }

    @Test
    void progressReportsTheBytesAlreadyWrittenToTheSocket() throws Exception {
        List<Long> writtenAtEachWrite = new ArrayList<>();
        OutputStream slowSocket = new OutputStream() {
            private long written;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                // Every write of this socket takes four seconds: a line is due after every third write.
                clock.advance(Duration.ofSeconds(4));
                written += len;
                writtenAtEachWrite.add(written);
            }
        };

        body(SIZE).writeTo(slowSocket);

        List<String> expected = new ArrayList<>();
        for (int write = 3; write <= writtenAtEachWrite.size(); write += 3) {
            long sent = writtenAtEachWrite.get(write - 1);
            expected.add(String.format(java.util.Locale.ROOT, "Uploading: %.0f%% (%s of %s) at %s", 100.0 * sent / SIZE,
                    ByteSize.format(sent), ByteSize.format(SIZE), ByteSize.rate(sent, write * 4_000L)));
        }
        assertEquals(expected, progressLines);
    }

    @Test
    void fileThatShrankSinceItsSizeWasTakenFailsTheWrite() throws Exception {
        DigestingFileBody body = body(SIZE + 1);

        IOException e = assertThrows(IOException.class, () -> body.writeTo(OutputStream.nullOutputStream()));

        assertEquals("the archive " + file + " changed size while it was being uploaded (expected " + (SIZE + 1)
                + " bytes); do not rebuild it during the upload", e.getMessage());
        assertNull(body.md5Hex(), "no digest for an incomplete write");
        assertNull(body.sha256Hex());
    }

    @Test
    void fileThatGrewSinceItsSizeWasTakenFailsTheWrite() throws Exception {
        DigestingFileBody body = body(SIZE - 1);

        IOException e = assertThrows(IOException.class, () -> body.writeTo(OutputStream.nullOutputStream()));

        assertTrue(e.getMessage().contains("changed size while it was being uploaded"), e.getMessage());
        assertNull(body.md5Hex());
    }
}
