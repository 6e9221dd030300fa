package dev.connectops.cam.upload;

import dev.connectops.cam.http.ExplainedIOException;

/** The archive's size changed while it was being sent: a local problem that no retry can mend. */
public final class ArchiveChangedException extends ExplainedIOException {
    private static final long serialVersionUID = 1L;

    public ArchiveChangedException(String message) {
        super(message);
    }
}
