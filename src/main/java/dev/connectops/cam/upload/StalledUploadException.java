package dev.connectops.cam.upload;

import dev.connectops.cam.http.ExplainedIOException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/** The upload host took none of the archive's bytes for socketTimeout, so the upload was cut off. */
public final class StalledUploadException extends ExplainedIOException {
    private static final long serialVersionUID = 1L;

    StalledUploadException(Duration limit, IOException cause) {
        super("the upload host took no data for " + String.format(Locale.ROOT, "%.1f", limit.toMillis() / 1000.0)
                + " s (socketTimeout) while the archive was being sent, so the connection was closed");
        // Not the cause: the closed socket is this guard's doing, and Maven would print its message after ours.
        addSuppressed(cause);
    }
}
