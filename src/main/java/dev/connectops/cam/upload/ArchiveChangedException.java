package dev.connectops.cam.upload;

import java.io.IOException;

/** The archive's size changed while it was being sent: a local problem that no retry can mend. */
public final class ArchiveChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ArchiveChangedException(String message) {
        super(message);
    }
}
