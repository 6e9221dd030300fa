package dev.connectops.cam.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.core5.http.ContentType;

/**
 * The {@code file} part of the form. It streams the archive from disk to the socket in one pass and
 * feeds the same buffers to MD5 (for the ETag check) and SHA-256 (for the record), so the archive is
 * read once and never held in memory. Each write opens the file and starts the digests afresh, so a
 * retried request is read again and digested for what it really sent.
 *
 * <p>MD5 runs on a thread of its own ({@link ParallelDigest}); SHA-256, faster than MD5 on CPUs with SHA
 * instructions, runs between the socket writes. At most {@code BUFFERS × BUFFER} bytes of the archive
 * are in memory at any time.
 */
final class DigestingFileBody extends AbstractContentBody {
    private static final int BUFFER = 256 * 1024;
    private static final int BUFFERS = 4;

    private final Path file;
    private final String fileName;
    private final long length;
    private final UploadProgress progress;
    private final ArchiveSource source;
    private String md5Hex;
    private String sha256Hex;

    DigestingFileBody(Path file, String fileName, long length, UploadProgress progress, ArchiveSource source) {
        super(ContentType.APPLICATION_OCTET_STREAM);
        this.file = file;
        this.fileName = fileName;
        this.length = length;
        this.progress = progress;
        this.source = source;
    }

    @Override
    public String getFilename() {
        return fileName;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        md5Hex = null;
        sha256Hex = null;
        MessageDigest sha256 = digest("SHA-256");
        progress.start();
        long sent = 0;
        try (ParallelDigest md5 = new ParallelDigest(digest("MD5"), BUFFERS, BUFFER);
                InputStream in = source.open(file)) {
            while (sent < length) {
                byte[] buffer = md5.buffer();
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - sent));
                if (n == -1) {
                    break;
                }
                md5.update(buffer, n);
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                sent += n;
                progress.sent(sent);
            }
            if (sent != length || in.read() != -1) {
                // The Content-Length is already on the wire; a changed file would corrupt the request.
                throw new ArchiveChangedException("the archive " + file + " changed size while it was being uploaded"
                        + " (expected " + length + " bytes); do not rebuild it during the upload");
            }
            md5Hex = HexFormat.of().formatHex(md5.digest());
        }
        sha256Hex = HexFormat.of().formatHex(sha256.digest());
    }

    /** MD5 of the bytes of the last complete write, or null if none completed. */
    String md5Hex() {
        return md5Hex;
    }

    /** SHA-256 of the bytes of the last complete write, or null if none completed. */
    String sha256Hex() {
        return sha256Hex;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
