package dev.connectops.cam.upload;

import java.time.Duration;

/** What a successful upload proved: the bytes sent, their digests and the host's answer. */
public record UploadReceipt(int status, String etag, String requestId, long bytes, String md5Hex, String sha256Hex,
        Duration elapsed) {
}
